import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type CreatorPage, type OrderParty } from '@shared/protocol/orders';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { initials } from '../video/VideoPage';
import { CreatorVideos } from './CreatorVideos';
import { MessageButton } from './MessageButton';
import { LiveSlot } from '../rooms/LiveSlot';
import { CustomAnchor, isOffered } from '../orders/CustomAnchor';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { useSession } from '../../client/session-store';

/** `/@handle`: who the person is (`GET /creators/:handle`) and their public videos (CreatorVideos). */
export function ProfilePage({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<OrderParty | null>(null);
  const [service, setService] = useState<CreatorPage['customization']>(null);
  const session = useSession();
  const own = session.status === 'signed-in' && session.user.handle === handle;
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    call(orderRoutes.creatorPage, { params: { handle }, signal: abort.signal }).then(
      (page) => {
        setPerson(page.creator);
        setService(page.customization);
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
      <CreatorVideos handle={handle} />
    </main>
  );
}
