import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { occasionIn } from '@shared/protocol/platform-texts';
import { REASON_MAX_CHARS } from '@shared/domain/orders/info';
import type { Order, OrderId } from '@shared/protocol/orders';
import { studioClient } from '../../client/studio-client';
import { formatDate, formatNumber } from '../../components/format';
import { currentLanguage } from '../../i18n/i18n';
import { Countdown } from './Countdown';
import { cutOf, PROGRESS_NODES, progressOf } from './order-view';
import { showingOrder } from './requests-store';
import { SendPanel } from './SendPanel';

/** One request: who it is for, the three-node progress and the time list; Accept / Refuse while pending. */
export function OrderDetail({ orderId }: Readonly<{ orderId: OrderId }>) {
  const { t } = useTranslation();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [payment, setPayment] = useState(false);
  const [comment, setComment] = useState(false);

  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      const r = await studioClient().orders.get({ orderId });
      if (!current) return;
      if (r.ok) setOrder(r.value);
      else setError(r.error.message);
    };
    void load();
    showingOrder(orderId);
    const stop = studioClient().on('orders.changed', () => void load(), { orderId });
    return () => {
      current = false;
      showingOrder(null);
      stop();
    };
  }, [orderId]);

  const act = async (run: () => ReturnType<ReturnType<typeof studioClient>['orders']['accept']>): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await run();
    setBusy(false);
    if (r.ok) {
      setOrder(r.value);
      setRefusing(false);
    } else setError(r.error.message);
  };

  if (!order) {
    return (
      <section className="requests-card requests-detail" aria-label={t('requests.detail.label')}>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="requests-note">{t('common.loading')}</p>
        )}
      </section>
    );
  }
  const reached = progressOf(order);
  const cut = cutOf(order);
  return (
    <section className="requests-card requests-detail" aria-labelledby="order-title">
      <h2 id="order-title">{t('requests.detail.title', { handle: order.requester.handle })}</h2>
      <dl className="requests-facts">
        <div>
          <dt>{t('requests.detail.forWhom')}</dt>
          <dd>{order.info.name ? `${order.info.forWhom} · ${order.info.name}` : order.info.forWhom}</dd>
        </div>
        <div>
          <dt>{t('requests.detail.address')}</dt>
          <dd>{order.info.address}</dd>
        </div>
        <div>
          <dt>{t('requests.detail.occasion')}</dt>
          <dd>{occasionIn(currentLanguage(), order.info.occasion)}</dd>
        </div>
        <div>
          <dt>{t('requests.detail.price')}</dt>
          <dd>{t('requests.coins', { count: order.priceCoins, value: formatNumber(order.priceCoins) })}</dd>
        </div>
        <div className="requests-facts__wide">
          <dt>{t('requests.detail.instructions')}</dt>
          <dd>{order.info.instructions || t('requests.detail.noInstructions')}</dd>
        </div>
      </dl>

      {order.state === 'cancelled' ? (
        <p className="toast toast--error" role="status">
          {t(`requests.cancelReason.${order.cancelReason?.kind ?? 'cancelled_by_requester'}`)}
          {order.cancelReason?.text ? ` — ${order.cancelReason.text}` : ''}
        </p>
      ) : (
        <ol className="requests-progress" aria-label={t('requests.detail.progress')}>
          {PROGRESS_NODES.map((node, i) => (
            <li key={node} className={i < reached ? 'is-done' : ''} aria-current={i === reached - 1 ? 'step' : undefined}>
              {t(`requests.progress.${node}`)}
            </li>
          ))}
        </ol>
      )}
      <Countdown order={order} />

      <h3>{t('requests.detail.times')}</h3>
      <dl className="requests-times">
        <TimeRow label={t('requests.times.requested')} at={order.times.requestedAt} />
        <TimeRow label={t('requests.times.accepted')} at={order.times.acceptedAt} />
        <TimeRow label={t('requests.times.delivered')} at={order.times.deliveredAt} />
        <TimeRow label={t('requests.times.cancelled')} at={order.times.cancelledAt} />
      </dl>

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {order.state === 'pending_acceptance' && !refusing ? (
        <div className="requests-actions">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void act(() => studioClient().orders.accept({ orderId }))}>
            {t('requests.detail.accept')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setRefusing(true)}>
            {t('requests.detail.refuse')}
          </button>
        </div>
      ) : null}
      {refusing ? <RefuseForm busy={busy} onCancel={() => setRefusing(false)} onRefuse={(reason) => void act(() => studioClient().orders.refuse({ orderId, reason }))} /> : null}
      {order.state === 'accepted' ? <p className="requests-note">{t('requests.detail.recordHint')}</p> : null}
      {order.state === 'accepted' || order.state === 'delivered' ? <SendPanel order={order} /> : null}
      {order.state === 'delivered' ? (
        <div className="requests-actions">
          <button type="button" className="button" aria-expanded={payment} onClick={() => setPayment(!payment)}>
            {t('requests.detail.checkPayment')}
          </button>
          <button type="button" className="button" aria-expanded={comment} onClick={() => setComment(!comment)}>
            {t('requests.detail.viewComment')}
          </button>
        </div>
      ) : null}
      {payment && order.creatorDiamonds !== null ? (
        <p className="toast toast--info" role="status">
          {t('requests.detail.payment', {
            diamonds: formatNumber(order.creatorDiamonds),
            price: formatNumber(order.priceCoins),
            cut: formatNumber(cut ?? 0),
          })}
        </p>
      ) : null}
      {comment ? (
        <div className="requests-comment" role="status">
          {order.comment ? (
            <>
              {order.comment.stars ? <p aria-label={t('requests.detail.stars', { count: order.comment.stars })}>{'★'.repeat(order.comment.stars) + '☆'.repeat(5 - order.comment.stars)}</p> : null}
              {order.comment.text ? <p>{order.comment.text}</p> : null}
              <p className="requests-note">{order.comment.anonymous ? t('requests.detail.anonymous') : `@${order.requester.handle}`}</p>
            </>
          ) : (
            <p>{t('requests.detail.noComment')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function TimeRow({ label, at }: Readonly<{ label: string; at: number | undefined }>) {
  if (at === undefined) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{formatDate(at)}</dd>
    </div>
  );
}

function RefuseForm({ busy, onCancel, onRefuse }: Readonly<{ busy: boolean; onCancel: () => void; onRefuse: (reason: string) => void }>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (reason.trim()) onRefuse(reason.trim());
  };
  return (
    <form className="requests-refuse" aria-label={t('requests.detail.refuseLabel')} onSubmit={submit}>
      <label className="field">
        <span>{t('requests.detail.reason')}</span>
        <input value={reason} maxLength={REASON_MAX_CHARS} onChange={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div className="requests-actions">
        <button type="submit" className="button button--danger-solid" disabled={busy || reason.trim() === ''}>
          {t('requests.detail.confirmRefuse')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
