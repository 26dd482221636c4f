import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type SharedVideo } from '@shared/protocol/orders';
import { API_PREFIX } from '@shared/protocol/routes';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { useSession } from '../../client/session-store';
import { ErrorNote } from '../ErrorNote';
import { optionLabel } from './option-label';
import './orders.css';

/** A custom video someone shared or forwarded: the player (streamed through the cookie session) and who sent it. */
export function SharedVideoPage({ token }: Readonly<{ token: string }>) {
  const { t, i18n } = useTranslation();
  const [shared, setShared] = useState<SharedVideo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const signedIn = useSession().status === 'signed-in';
  useEffect(() => {
    const abort = new AbortController();
    call(orderRoutes.sharedVideo, { params: { token }, signal: abort.signal }).then(setShared, (e: unknown) => {
      if (!abort.signal.aborted) setError(e);
    });
    return () => abort.abort();
  }, [token, generation, signedIn]);
  if (isFailure(error, 'not_found', 'validation_failed'))
    return (
      <main className="page">
        <p className="empty">{t('orders.sharedNotFound')}</p>
        {signedIn ? <Link to={paths.messages()}>{t('orders.sharedToMessages')}</Link> : <Link to={paths.signIn(paths.sharedVideo(token))}>{t('orders.sharedSignIn')}</Link>}
      </main>
    );
  if (error && !shared)
    return (
      <main className="page">
        <ErrorNote error={error} onRetry={() => setGeneration((g) => g + 1)} />
      </main>
    );
  if (!shared)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <main className="page order-page shared-video-page">
      <h1 className="page-title">{t('orders.sharedTitle')}</h1>
      <section className="card delivered" aria-label={t('orders.sharedTitle')}>
        <video className="order-video shared-video" src={API_PREFIX + shared.videoPath} controls playsInline preload="metadata" aria-label={t('orders.sharedTitle')} />
        <dl className="info-list">
          <div>
            <dt>{t('orders.sharedFrom')}</dt>
            <dd data-testid="shared-from">
              <Link to={paths.profile(shared.from.handle)}>
                {shared.from.displayName} · @{shared.from.handle}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('orders.creator')}</dt>
            <dd>
              <Link to={paths.profile(shared.creator.handle)}>
                {shared.creator.displayName} · @{shared.creator.handle}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('orders.occasion')}</dt>
            <dd>{optionLabel(t, 'occasionOptions', shared.occasion)}</dd>
          </div>
          <div>
            <dt>{t('orders.timeKinds.deliveredAt')}</dt>
            <dd>{date.format(shared.deliveredAt)}</dd>
          </div>
        </dl>
      </section>
      <Link to={paths.customIntro(shared.creator.handle)} className="button-like">
        {t('orders.sharedOrderOwn', { name: shared.creator.displayName })}
      </Link>
    </main>
  );
}
