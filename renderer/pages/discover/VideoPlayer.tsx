import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anchorsShownAt } from '@shared/domain/anchors/shown-at';
import { chipStyle } from '../../publishing/chip-style';
import { discoverClient } from '../../publishing/discover-client';
import { chipLayout } from '@shared/domain/anchors/placement';
import type { Video } from '@shared/protocol/index';
import { VideoId } from '@shared/protocol/ids';
import { triggerAnchor } from './trigger-anchor';

export type VideoPlayerProps = Readonly<{ videoId: string; initial: Video | null; onClose: () => void }>;

/**
 * One video with its anchors as chips at their frame positions, shown while the playhead is inside
 * their time window. The playhead comes from `timeupdate` (a few times a second), which is plenty
 * for chips that stay for seconds; no per-frame React state.
 */
export function VideoPlayer({ videoId, initial, onClose }: VideoPlayerProps) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<Video | null>(initial);
  const [nowMs, setNowMs] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const id = VideoId.safeParse(videoId);
    if (!id.success) return setError(t('discover.notVideo'));
    let live = true;
    void discoverClient.video(id.data).then((r) => live && (r.ok ? setVideo(r.value) : setError(r.error.message)));
    return () => {
      live = false;
    };
  }, [videoId, t]);

  const tap = async (anchorId: Video['anchors'][number]['id']): Promise<void> => {
    setError(null);
    const message = await triggerAnchor(anchorId, video ? { from: video.creator.handle } : {});
    if (message) setError(message);
  };

  // An image post's anchors are stored 0/0: shown the whole time, over a picture with no timeline.
  const visible = video ? anchorsShownAt(video.anchors, nowMs) : [];
  return (
    <div className="discover-player" role="region" aria-label={video ? t('discover.playing', { title: video.title }) : t('discover.video')}>
      {video ? (
        <>
          <div className="discover-player__stage" style={{ aspectRatio: `${video.width} / ${video.height}` }}>
            {video.mediaKind === 'image' ? (
              <img src={video.mediaUrl} alt={t('discover.photoLabel', { title: video.title })} />
            ) : (
              <video
                src={video.mediaUrl}
                poster={video.coverUrl}
                controls
                autoPlay
                muted
                playsInline
                loop
                aria-label={t('discover.videoLabel', { title: video.title })}
                onTimeUpdate={(e) => setNowMs(Math.round(e.currentTarget.currentTime * 1000))}
              />
            )}
            {visible.map((a) => (
              <button
                key={a.id}
                type="button"
                className={`anchor-chip anchor-chip--${a.role}${chipLayout(a.x).side === 'left' ? ' anchor-chip--left' : ''}`}
                style={chipStyle(a)}
                onClick={() => void tap(a.id)}
                aria-label={t('discover.tryOn', { label: a.label })}
              >
                {a.label}
              </button>
            ))}
          </div>
          <div className="discover-player__facts">
            <strong>{video.title}</strong>
            <span>
              {video.creator.displayName} · @{video.creator.handle}
              {video.topic ? ` · #${video.topic}` : ''}
            </span>
          </div>
        </>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
      {error ? (
        <p className="toast toast--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" onClick={onClose}>
        {t('discover.back')}
      </button>
    </div>
  );
}
