import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type CreatorPage, type OrderParty } from '@shared/protocol/orders';
import { routes } from '@shared/protocol/routes';
import type { Video } from '@shared/protocol/videos';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { VideoCard } from '../feed/FeedPage';
import { initials } from '../video/VideoPage';
import { MessageButton } from './MessageButton';
import { LiveSlot } from '../rooms/LiveSlot';
import { CustomAnchor, isOffered } from '../orders/CustomAnchor';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { useSession } from '../../client/session-store';

/**
 * How far the profile reads the public feed for a creator's videos: the platform has no per-creator
 * video listing yet (`GET /videos?creator=`), so the grid comes from the newest public videos. Who
 * the person is comes from `GET /creators/:handle`.
 */
const MAX_PAGES = 10;

async function creatorVideos(handle: string, signal: AbortSignal): Promise<Video[]> {
  const found: Video[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await call(routes.listVideos, { query: { limit: 50, cursor }, signal });
    found.push(...answer.videos.filter((v) => v.creator.handle === handle));
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return found;
}

export function ProfilePage({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<OrderParty | null>(null);
  const [service, setService] = useState<CreatorPage['customization']>(null);
  const session = useSession();
  const own = session.status === 'signed-in' && session.user.handle === handle;
  const [videos, setVideos] = useState<Video[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    Promise.all([call(orderRoutes.creatorPage, { params: { handle }, signal: abort.signal }), creatorVideos(handle, abort.signal)]).then(
      ([page, found]) => {
        setPerson(page.creator);
        setService(page.customization);
        setVideos(found);
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [handle, attempt]);
  const displayName = person?.displayName ?? handle;
  if (isFailure(error, 'not_found'))
    return (
      <main className="page profile-page">
        <p className="empty">{t('profile.notFound')}</p>
      </main>
    );
  return (
    <main className="page profile-page">
      <header className="profile-head">
        <span className="avatar" aria-hidden="true">
          {initials(displayName)}
        </span>
        <div className="profile-names">
          <h1>{displayName}</h1>
          <p className="handle">@{handle}</p>
        </div>
        <MessageButton handle={handle} />
      </header>
      <section className="profile-slots" aria-label={`${t('profile.customVideo')}, ${t('profile.live')}`}>
        {isOffered(service) && !own ? (
          <CustomAnchor handle={handle} name={displayName} service={service} />
        ) : (
          <div className="slot card">
            <h2>{t('profile.customVideo')}</h2>
            <p className="muted">{own ? <Link to={paths.orders()}>{t('orders.mine')}</Link> : t('orders.notOffered')}</p>
          </div>
        )}
        <LiveSlot handle={handle} />
      </section>
      <h2>{t('profile.videos')}</h2>
      {error ? <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {videos === null && !error ? <p className="empty">{t('app.loading')}</p> : null}
      {videos?.length === 0 ? <p className="empty">{t('profile.noVideos')}</p> : null}
      <ul className="video-grid">
        {videos?.map((video) => (
          <li key={video.id}>
            <VideoCard video={video} showCreator={false} />
          </li>
        ))}
      </ul>
    </main>
  );
}
