import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '@shared/protocol/rooms';
import { routes } from '@shared/protocol/routes';
import type { Video } from '@shared/protocol/videos';
import { call } from '../../client/api';
import { initials } from '../video/VideoPage';

/** The streamer's newest public video (`GET /videos?creator=`). */
async function latestVideo(handle: string, signal: AbortSignal): Promise<Video | null> {
  const answer = await call(routes.listVideos, { query: { creator: handle, limit: 1 }, signal });
  return answer.videos[0] ?? null;
}

/**
 * The player slot. Live video is the go-live issue's: until then the slot shows the streamer's
 * latest video (muted, looping) or their initials, and says that the live picture comes here.
 */
export function Player({ room }: Readonly<{ room: Room }>) {
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
    <figure className="player" aria-label={t('rooms.playerLabel')} data-testid="player">
      {video ? (
        <video className="player-video" src={video.mediaUrl} poster={video.coverUrl} muted loop autoPlay playsInline />
      ) : (
        <span className="player-initials" aria-hidden="true">
          {initials(room.streamer.displayName)}
        </span>
      )}
      <figcaption className="player-caption">{video ? t('rooms.playerStandIn', { title: video.title }) : t('rooms.playerNoVideo')}</figcaption>
    </figure>
  );
}
