import { useTranslation } from 'react-i18next';
import { routes } from '@shared/protocol/routes';
import type { Video } from '@shared/protocol/videos';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { VideoCard } from '../feed/FeedPage';
import { usePaged } from '../feed/use-paged';

const PAGE = 12;

/** A profile's grid: the creator's public videos from `GET /videos?creator=`, more as it scrolls (keyset cursor). */
export function CreatorVideos({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const { paged, error, more, sentinel } = usePaged<Video>(async (cursor) => {
    const page = await call(routes.listVideos, { query: { creator: handle, limit: PAGE, cursor } });
    return { items: page.videos, nextCursor: page.nextCursor };
  }, `creator:${handle}`);
  return (
    <>
      {/* An unknown handle is said once, by the profile itself. */}
      {error && !isFailure(error, 'not_found') ? <ErrorNote error={error} onRetry={() => void more()} /> : null}
      {!paged.started && !error ? <p className="empty">{t('app.loading')}</p> : null}
      {paged.started && paged.items.length === 0 ? <p className="empty">{t('profile.noVideos')}</p> : null}
      <ul className="video-grid" aria-label={t('profile.videos')}>
        {paged.items.map((video) => (
          <li key={video.id}>
            <VideoCard video={video} showCreator={false} />
          </li>
        ))}
      </ul>
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
      {paged.started && paged.nextCursor ? <p className="list-end">{t('feed.more')}</p> : null}
    </>
  );
}
