import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_PREFIX } from '@shared/protocol/routes';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { isFailure } from '../../client/api';
import { useSession } from '../../client/session-store';
import { ErrorNote } from '../ErrorNote';
import { initials } from '../video/VideoPage';
import { notOrderable } from './order-view';
import { useCreatorPage } from './use-creator-page';
import './orders.css';

/** A creator's custom-video introduction: the intro video, price, rating, comments, how it works, and "Request a video". */
export function IntroPage({ handle }: Readonly<{ handle: string }>) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { page, error, retry } = useCreatorPage(handle);
  const [playing, setPlaying] = useState(false);
  const player = useRef<HTMLVideoElement>(null);
  const number = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  if (isFailure(error, 'not_found'))
    return (
      <main className="page">
        <p className="empty">{t('profile.notFound')}</p>
      </main>
    );
  if (error && !page)
    return (
      <main className="page">
        <ErrorNote error={error} onRetry={retry} />
      </main>
    );
  if (!page || session.status === 'loading')
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  const service = page.customization;
  const name = page.creator.displayName;
  const refusal = notOrderable(page, session.status === 'signed-in' ? session.user.handle : null);
  const play = (): void => {
    const video = player.current;
    if (!video) return;
    setPlaying(true);
    video.muted = false;
    void video.play().catch(() => {
      // Sound needs a gesture in some browsers: play muted rather than not at all.
      video.muted = true;
      void video.play().catch(() => undefined);
    });
  };
  return (
    <main className="page intro-page">
      <div className="intro-stage">
        {service?.introPath ? (
          <video
            ref={player}
            className="intro-video"
            src={API_PREFIX + service.introPath}
            aria-label={t('orders.introVideo')}
            playsInline
            loop
            preload="metadata"
            controls={playing}
            onPause={() => setPlaying(false)}
          />
        ) : (
          <div className="intro-video placeholder" aria-hidden="true">
            {initials(name)}
          </div>
        )}
        {!playing ? (
          <button type="button" className="intro-overlay" onClick={play} disabled={!service?.introPath} aria-label={service?.introPath ? t('orders.introPlay') : t('orders.noIntro')}>
            <span className="intro-title">{t('orders.introTitle', { name })}</span>
            {service ? <span className="intro-price">{t('orders.priceValue', { price: number.format(service.priceCoins) })}</span> : null}
            {service?.introPath ? <span className="intro-play">▶ {t('orders.introPlay')}</span> : null}
          </button>
        ) : null}
      </div>
      <div className="intro-body">
        <Link className="creator-line" to={paths.profile(handle)}>
          <span className="avatar small" aria-hidden="true">
            {initials(name)}
          </span>
          {name} · @{handle}
        </Link>
        {service ? (
          <>
            <dl className="facts">
              <div>
                <dt>{t('orders.price')}</dt>
                <dd data-testid="price">{t('orders.priceValue', { price: number.format(service.priceCoins) })}</dd>
              </div>
              <div>
                <dt>{t('orders.rating')}</dt>
                <dd>
                  {page.rating.average === null
                    ? t('orders.noRating')
                    : t('orders.ratingValue', { average: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(page.rating.average), count: page.rating.count })}
                </dd>
              </div>
            </dl>
            <section className="card">
              <h2>{t('orders.description')}</h2>
              <p className="prewrap">{service.description}</p>
            </section>
          </>
        ) : (
          <p className="empty">{t('orders.notOffered')}</p>
        )}
        <section className="card">
          <h2>{t('orders.howTitle')}</h2>
          <ol className="how">
            <li>{t('orders.how1')}</li>
            <li>{t('orders.how2')}</li>
            <li>{t('orders.how3')}</li>
          </ol>
        </section>
        {page.comments.length > 0 ? (
          <section>
            <h2>{t('orders.comments')}</h2>
            <ul className="comment-list">
              {page.comments.map((comment, i) => (
                <li key={`${comment.at}-${i}`} className="card comment">
                  <span className="comment-head">
                    {comment.stars ? <Stars n={comment.stars} /> : null}
                    <span className="muted">
                      {comment.author ? `@${comment.author}` : t('orders.anonymous')} · {date.format(comment.at)}
                    </span>
                  </span>
                  {comment.text ? <p>{comment.text}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <div className="request-bar">
        {refusal === 'signed_out' ? (
          <Link className="button-like primary wide" to={paths.signIn(paths.orderForm(handle))}>
            {t('orders.request')}
          </Link>
        ) : (
          <button type="button" className="primary wide" disabled={refusal !== null} aria-describedby={refusal ? 'request-refusal' : undefined} onClick={() => navigate(paths.orderForm(handle))}>
            {t('orders.request')}
          </button>
        )}
        {refusal ? (
          <p id="request-refusal" className="refusal" role="status">
            {t(`orders.reasons.${refusal}`)}
          </p>
        ) : null}
      </div>
    </main>
  );
}

/** n of 5 stars, with the number for screen readers. */
export function Stars({ n }: Readonly<{ n: number }>) {
  const { t } = useTranslation();
  return (
    <span className="stars" role="img" aria-label={t('orders.starN', { count: n })}>
      {'★'.repeat(n)}
      <span className="stars-off">{'★'.repeat(5 - n)}</span>
    </span>
  );
}
