import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { routes } from '@shared/protocol/routes';
import type { Anchor, Video } from '@shared/protocol/videos';
import { MutedIcon, PauseIcon, PlayIcon, SoundIcon } from '../../app/icons';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { VideoFunctions } from '../orders/CustomAnchor';
import { anchorsAt, chipPosition, rangeText, sortAnchors } from './anchors-at';
import './video-posts.css';

export function VideoPage({ videoId }: Readonly<{ videoId: string }>) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<Video | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    call(routes.getVideo, { params: { id: videoId }, signal: abort.signal }).then(setVideo, (e: unknown) => {
      if (!abort.signal.aborted) setError(e);
    });
    return () => abort.abort();
  }, [videoId, attempt]);

  if (error)
    return <main className="page">{isFailure(error, 'not_found') ? <p className="empty">{t('video.notFound')}</p> : <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} />}</main>;
  if (!video)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  return <VideoView video={video} />;
}

function VideoView({ video }: Readonly<{ video: Video }>) {
  const { t } = useTranslation();
  const player = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(true);
  // timeupdate fires ~4 times a second: anchors appear and leave at that resolution (no per-frame state).
  const [timeMs, setTimeMs] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);

  const toggle = (): void => {
    const v = player.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  };
  const toggleMute = (): void => {
    const v = player.current;
    if (!v) return;
    v.muted = !v.muted;
    setMuted(v.muted);
    if (!v.muted && v.paused) void v.play().catch(() => undefined);
  };
  const open = async (anchor: Anchor): Promise<void> => {
    setOpening(anchor.id);
    player.current?.pause();
    // Counting the trigger is best effort: the try-on opens even if the count fails.
    await call(routes.triggerAnchor, { params: { id: anchor.id } }).catch(() => undefined);
    navigate(paths.tryOn(video.id, anchor.id));
  };

  // An image post has no timeline: its anchors (stored 0/0) are all on screen, and there is nothing to play.
  const still = video.mediaKind === 'image';
  const onScreen = anchorsAt(video.anchors, timeMs);
  return (
    <main className="page video-page">
      <div className={`stage${still ? ' still' : ''}`} style={{ aspectRatio: `${video.width} / ${video.height}` }}>
        {still ? (
          <img className="player" src={video.mediaUrl} alt={t('video.photo', { title: video.title })} width={video.width} height={video.height} />
        ) : (
          <video
            ref={player}
            className="player"
            src={video.mediaUrl}
            poster={video.coverUrl}
            aria-label={t('video.player')}
            autoPlay
            muted
            loop
            playsInline
            preload="metadata"
            onClick={toggle}
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onTimeUpdate={(e) => setTimeMs(Math.round(e.currentTarget.currentTime * 1000))}
          />
        )}
        {onScreen.map((anchor) => (
          <button
            key={anchor.id}
            type="button"
            className={`anchor-chip${anchor.role === 'target' ? ' target' : ''}`}
            style={chipPosition(anchor)}
            onClick={() => void open(anchor)}
            aria-label={anchor.extraItemIds.length > 0 ? t('video.tryOnLook', { label: anchor.label, count: anchor.extraItemIds.length }) : t('video.tryOn', { label: anchor.label })}
          >
            {anchor.label}
            {anchor.extraItemIds.length > 0 ? <span className="look-more">{t('video.lookMore', { count: anchor.extraItemIds.length })}</span> : null}
          </button>
        ))}
        {still ? null : (
          <div className="player-controls">
            <button type="button" className="round" onClick={toggle} aria-label={playing ? t('video.pause') : t('video.play')}>
              {playing ? <PauseIcon /> : <PlayIcon />}
            </button>
            <button type="button" className={`round${muted ? ' attention' : ''}`} onClick={toggleMute} aria-label={muted ? t('video.unmute') : t('video.mute')}>
              {muted ? <MutedIcon /> : <SoundIcon />}
            </button>
          </div>
        )}
      </div>
      <section className="video-info">
        <h1>{video.title}</h1>
        <Link className="creator-line" to={paths.profile(video.creator.handle)}>
          <span className="avatar small" aria-hidden="true">
            {initials(video.creator.displayName)}
          </span>
          {video.creator.displayName} · @{video.creator.handle}
        </Link>
        {video.location ? (
          <p className="location-line">
            <PinIcon label={t('video.location')} />
            {video.location}
          </p>
        ) : null}
        <VideoFunctions video={video} onTryOn={(anchor) => void open(anchor)} />
        <h2>{t('video.anchors')}</h2>
        {video.anchors.length === 0 ? <p className="empty">{t('video.noAnchors')}</p> : null}
        <ul className="anchor-list">
          {sortAnchors(video.anchors).map((anchor) => (
            <li key={anchor.id}>
              <button type="button" className={`anchor-row${anchor.role === 'target' ? ' target' : ''}`} onClick={() => void open(anchor)} disabled={opening !== null}>
                <span>{anchor.label}</span>
                {anchor.role === 'target' ? <span className="tag">{t('video.target')}</span> : null}
                {anchor.extraItemIds.length > 0 ? <span className="look-more">{t('video.lookMore', { count: anchor.extraItemIds.length })}</span> : null}
                <AnchorRange anchor={anchor} />
              </button>
            </li>
          ))}
        </ul>
        {opening ? <p role="status">{t('video.opening')}</p> : null}
      </section>
    </main>
  );
}

/** Up to two initials from a display name's words, letters and digits only ("Mia (demo creator)" → "MD", "张伟" → "张"). */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((first): first is string => first !== undefined)
    .slice(0, 2)
    .map((first) => first.toUpperCase())
    .join('') || '?';

function AnchorRange({ anchor }: Readonly<{ anchor: Anchor }>) {
  const { t } = useTranslation();
  const range = rangeText(anchor);
  return range ? (
    <span className="time" aria-label={t('video.shownFrom', { range })}>
      {range}
    </span>
  ) : null;
}

function PinIcon({ label }: Readonly<{ label: string }>) {
  return (
    <svg className="pin" viewBox="0 0 24 24" width="16" height="16" role="img" aria-label={label}>
      <path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z" />
    </svg>
  );
}
