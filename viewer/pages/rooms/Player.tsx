import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '@shared/protocol/rooms';
import { routes } from '@shared/protocol/routes';
import type { Video } from '@shared/protocol/videos';
import { call } from '../../client/api';
import { initials } from '../video/VideoPage';
import { LivePlayer, type PlayerState } from './live-player';

/** The streamer's newest public video (`GET /videos?creator=`). */
async function latestVideo(handle: string, signal: AbortSignal): Promise<Video | null> {
  const answer = await call(routes.listVideos, { query: { creator: handle, limit: 1 }, signal });
  return answer.videos[0] ?? null;
}

/**
 * The player slot: the live stream while the room's stream is on air; otherwise the streamer's
 * latest video (muted, looping) or their initials, saying that the stream has ended (when it was
 * on air during this visit, or the room closed) or that the live picture comes here.
 */
export function Player({ room }: Readonly<{ room: Room }>) {
  const { t } = useTranslation();
  const live = room.state === 'open' && room.stream?.state === 'live';
  const [wasLive, setWasLive] = useState(live);
  if (live && !wasLive) setWasLive(true);
  if (live) return <LiveVideo url={room.stream!.hlsUrl} viewers={room.viewers} />;
  const ended = room.stream !== undefined && (wasLive || room.state === 'closed');
  const caption = ended ? t('rooms.playerEnded') : room.stream ? t('rooms.playerNotLive', { name: room.streamer.displayName }) : null;
  return <StandIn room={room} caption={caption} ended={ended} />;
}

function LiveVideo({ url, viewers }: Readonly<{ url: string; viewers: number }>) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const player = useRef<LivePlayer | null>(null);
  const [state, setState] = useState<PlayerState>('connecting');
  const [muted, setMuted] = useState(true);
  useEffect(() => {
    const created = new LivePlayer(videoRef.current!, url, setState);
    player.current = created;
    setMuted(true);
    created.start();
    return () => {
      created.destroy();
      player.current = null;
    };
  }, [url]);
  const toggleSound = (): void => {
    player.current?.setMuted(!muted);
    setMuted(!muted);
  };
  const message = state === 'playing' ? null : t(`rooms.player${state[0]!.toUpperCase()}${state.slice(1)}` as 'rooms.playerConnecting');
  return (
    <figure className="player" aria-label={t('rooms.playerLabel')} data-testid="player" data-state={state}>
      <video ref={videoRef} className="player-video" playsInline data-testid="live-video" />
      <span className="player-top">
        <span className="live-badge">{t('rooms.liveBadge')}</span>
        <span className="player-viewers">{t('rooms.viewers', { count: viewers })}</span>
      </span>
      {state === 'blocked' ? (
        <button type="button" className="player-button primary" onClick={() => player.current?.play()}>
          {t('rooms.playerPlay')}
        </button>
      ) : (
        <button type="button" className="player-button" aria-pressed={!muted} onClick={toggleSound}>
          {muted ? t('rooms.playerUnmute') : t('rooms.playerMute')}
        </button>
      )}
      {message ? <figcaption className="player-caption">{message}</figcaption> : null}
    </figure>
  );
}

function StandIn({ room, caption, ended }: Readonly<{ room: Room; caption: string | null; ended: boolean }>) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<Video | null | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    latestVideo(room.streamer.handle, abort.signal).then(setVideo, () => {
      if (!abort.signal.aborted) setVideo(null);
    });
    return () => abort.abort();
  }, [room.streamer.handle]);
  return (
    <figure className="player" aria-label={t('rooms.playerLabel')} data-testid="player" data-state={ended ? 'ended' : 'offline'}>
      {video ? (
        <video className="player-video" src={video.mediaUrl} poster={video.coverUrl} muted loop autoPlay playsInline />
      ) : (
        <span className="player-initials" aria-hidden="true">
          {initials(room.streamer.displayName)}
        </span>
      )}
      <figcaption className="player-caption" data-testid="player-caption">
        {caption ?? (video ? t('rooms.playerStandIn', { title: video.title }) : t('rooms.playerNoVideo'))}
      </figcaption>
    </figure>
  );
}
