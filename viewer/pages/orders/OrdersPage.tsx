import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { orderRoutes, type Order } from '@shared/protocol/orders';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import { prependItem } from '../../client/pages';
import { onLiveEvent } from '../../client/live-store';
import { ErrorNote } from '../ErrorNote';
import { usePaged } from '../feed/use-paged';
import { Countdown } from './Countdown';
import { optionLabel } from './option-label';
import { isOrderEvent } from './use-order';
import './orders.css';

/** The viewer's orders, newest first, each with its state and a live countdown to its next deadline. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const list = usePaged<Order>(async (cursor) => {
    const page = await call(orderRoutes.listOrders, { query: { role: 'requester', limit: 20, cursor } });
    return { items: page.orders, nextCursor: page.nextCursor };
  }, 'orders');
  const { setPaged } = list;
  // A changed order is read again and shown in place (a new one at the top).
  const refresh = useCallback(
    (orderId: string) =>
      void call(orderRoutes.getOrder, { params: { id: orderId } }).then(
        (order) => setPaged((p) => (p.items.some((o) => o.id === order.id) ? { ...p, items: p.items.map((o) => (o.id === order.id ? order : o)) } : prependItem(p, order))),
        () => undefined,
      ),
    [setPaged],
  );
  useEffect(() => onLiveEvent((event) => (isOrderEvent(event, null) && typeof event.data.orderId === 'string' ? refresh(event.data.orderId) : undefined)), [refresh]);
  return (
    <main className="page orders-page">
      <h1 className="page-title">{t('orders.mine')}</h1>
      {list.error ? <ErrorNote error={list.error} onRetry={() => void list.more()} /> : null}
      {list.paged.started && list.paged.items.length === 0 ? <p className="empty">{t('orders.none')}</p> : null}
      <ul className="order-list">
        {list.paged.items.map((order) => (
          <li key={order.id}>
            <Link to={paths.order(order.id)} className="order-row card">
              <span className="order-row-head">
                <span className="order-row-title">
                  {optionLabel(t, 'occasionOptions', order.info.occasion)} · {order.info.name ?? order.info.address}
                </span>
                <span className={`tag state-${order.state}`}>{t(`orders.states.${order.state}`)}</span>
              </span>
              <span className="muted">
                {order.creator.displayName} · {dateTime.format(order.times.requestedAt)}
              </span>
              <Countdown order={order} />
            </Link>
          </li>
        ))}
      </ul>
      <div ref={list.sentinel} className="sentinel" aria-hidden="true" />
    </main>
  );
}
