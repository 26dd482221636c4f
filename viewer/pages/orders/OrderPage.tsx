import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUESTER_CANCEL_REASONS } from '@shared/domain/orders/info';
import { orderRoutes, type Order } from '@shared/protocol/orders';
import { API_PREFIX } from '@shared/protocol/routes';
import { Link } from '../../app/Link';
import { paths, type OrderSection } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { CommentBox } from './CommentBox';
import { ForwardBox } from './ForwardBox';
import { Countdown } from './Countdown';
import { optionLabel } from './option-label';
import { PROGRESS_NODES, mayCancel, progressReached } from './order-view';
import { useOrder } from './use-order';
import './orders.css';

/** One of the viewer's orders: progress, request, times, Cancel while allowed, then the video and the comment. Live. */
export function OrderPage({ orderId, section }: Readonly<{ orderId: string; section: OrderSection | null }>) {
  const { t } = useTranslation();
  const { order, error, reload, replace } = useOrder(orderId);
  if (isFailure(error, 'not_found', 'forbidden'))
    return (
      <main className="page">
        <p className="empty">{t('orders.notFound')}</p>
        <Link to={paths.orders()}>{t('orders.mine')}</Link>
      </main>
    );
  if (error && !order)
    return (
      <main className="page">
        <ErrorNote error={error} onRetry={reload} />
      </main>
    );
  if (!order)
    return (
      <main className="page">
        <p className="empty">{t('app.loading')}</p>
      </main>
    );
  return <OrderView order={order} section={section} replace={replace} />;
}

function OrderView({ order, section, replace }: Readonly<{ order: Order; section: OrderSection | null; replace: (order: Order) => void }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const reached = progressReached(order);
  const times = (['requestedAt', 'acceptedAt', 'deliveredAt', 'cancelledAt'] as const).filter((k) => order.times[k] !== undefined);
  return (
    <main className="page order-page">
      <Link to={paths.orders()} className="back-link">
        ← {t('orders.mine')}
      </Link>
      <h1 className="page-title">
        {t('orders.detailTitle')} <span className={`tag state-${order.state}`}>{t(`orders.states.${order.state}`)}</span>
      </h1>
      {reached === null ? (
        <p className="cancel-reason card" data-testid="cancel-reason">
          {order.cancelReason ? t(`orders.cancelKinds.${order.cancelReason.kind}`) : t('orders.states.cancelled')}
          {order.cancelReason?.text ? ` — ${order.cancelReason.text}` : ''}
        </p>
      ) : (
        <ol className="progress" aria-label={t('orders.detailTitle')}>
          {PROGRESS_NODES.map((node, i) => (
            <li key={node} className={i < reached ? 'reached' : undefined} aria-current={i === reached - 1 ? 'step' : undefined}>
              <span className="node" aria-hidden="true" />
              <span className="node-label">{t(`orders.progress.${node}`)}</span>
            </li>
          ))}
        </ol>
      )}
      <Countdown order={order} />
      {order.state === 'delivered' && order.videoPath ? <Delivered order={order} section={section} replace={replace} /> : null}
      <section className="card">
        <h2>{t('orders.info')}</h2>
        <dl className="info-list">
          <div>
            <dt>{t('orders.creator')}</dt>
            <dd>
              <Link to={paths.profile(order.creator.handle)}>
                {order.creator.displayName} · @{order.creator.handle}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('orders.forWhom')}</dt>
            <dd>
              {optionLabel(t, 'forWhomOptions', order.info.forWhom)}
              {order.info.name ? ` · ${order.info.name}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('orders.address')}</dt>
            <dd>{order.info.address}</dd>
          </div>
          <div>
            <dt>{t('orders.occasion')}</dt>
            <dd>{optionLabel(t, 'occasionOptions', order.info.occasion)}</dd>
          </div>
          {order.info.instructions ? (
            <div>
              <dt>{t('orders.steps.instructions')}</dt>
              <dd className="prewrap">{order.info.instructions}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('orders.paid')}</dt>
            <dd>{t('orders.anchorPrice', { price: number.format(order.priceCoins) })}</dd>
          </div>
        </dl>
      </section>
      <section className="card">
        <h2>{t('orders.times')}</h2>
        <dl className="info-list times">
          {times.map((kind) => (
            <div key={kind}>
              <dt>{t(`orders.timeKinds.${kind}`)}</dt>
              <dd>{dateTime.format(order.times[kind]!)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {mayCancel(order) ? <CancelBox order={order} replace={replace} /> : null}
    </main>
  );
}

function Delivered({ order, section, replace }: Readonly<{ order: Order; section: OrderSection | null; replace: (order: Order) => void }>) {
  const { t } = useTranslation();
  const player = useRef<HTMLVideoElement>(null);
  const commentRef = useRef<HTMLElement>(null);
  const src = API_PREFIX + order.videoPath!;
  useEffect(() => {
    if (section === 'watch') watch(player.current);
    if (section === 'comment') commentRef.current?.scrollIntoView({ block: 'start' });
  }, [section]);
  return (
    <>
      <section className="card delivered" aria-label={t('orders.video')}>
        <h2>{t('orders.video')}</h2>
        <video ref={player} className="order-video" src={src} controls playsInline preload="metadata" aria-label={t('orders.video')} />
        <div className="guide-actions">
          <button type="button" className="primary" onClick={() => watch(player.current)}>
            {t('orders.watch')}
          </button>
          <a className="button-like" href={src} download={`custom-video-${order.id}.mp4`}>
            {t('orders.download')}
          </a>
        </div>
        <ForwardBox order={order} />
      </section>
      <section ref={commentRef} className="card" aria-label={t('orders.comment')}>
        <h2>{order.commented ? t('orders.yourComment') : t('orders.comment')}</h2>
        <CommentBox order={order} replace={replace} />
      </section>
    </>
  );
}

function watch(video: HTMLVideoElement | null): void {
  if (!video) return;
  video.scrollIntoView({ block: 'center' });
  void video.play().catch(() => {
    // Without a gesture some browsers only play muted.
    video.muted = true;
    void video.play().catch(() => undefined);
  });
}

function CancelBox({ order, replace }: Readonly<{ order: Order; replace: (order: Order) => void }>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string>(REQUESTER_CANCEL_REASONS[0]);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const OTHER = 'other';
  const text = reason === OTHER ? other.trim() : reason;
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      replace(await call(orderRoutes.cancelOrder, { params: { id: order.id }, body: { reason: text } }));
    } catch (e) {
      setFailure(t('orders.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="wide" onClick={() => setOpen(true)}>
        {t('orders.cancel')}
      </button>
    );
  return (
    <section className="card cancel-box">
      <fieldset className="choices column">
        <legend className="field-label">{t('orders.cancel')}</legend>
        {REQUESTER_CANCEL_REASONS.map((r) => (
          <label key={r} className={`choice${reason === r ? ' chosen' : ''}`}>
            <input type="radio" name="cancel-reason" checked={reason === r} onChange={() => setReason(r)} />
            {t(`orders.cancelReasons.${r}`)}
          </label>
        ))}
        <label className={`choice${reason === OTHER ? ' chosen' : ''}`}>
          <input type="radio" name="cancel-reason" checked={reason === OTHER} onChange={() => setReason(OTHER)} />
          {t('orders.cancelOther')}
        </label>
      </fieldset>
      {reason === OTHER ? (
        <label className="field">
          <span className="field-label">{t('orders.cancelOtherText')}</span>
          <input value={other} maxLength={400} onChange={(e) => setOther(e.target.value)} />
        </label>
      ) : null}
      {failure ? (
        <p className="form-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          {t('orders.keep')}
        </button>
        <button type="button" className="primary" disabled={busy || text === ''} onClick={() => void confirm()}>
          {t('orders.confirmCancel')}
        </button>
      </div>
    </section>
  );
}
