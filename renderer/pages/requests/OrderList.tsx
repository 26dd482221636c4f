import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderId } from '@shared/protocol/orders';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { Segmented } from '../../components/Segmented';
import { Countdown } from './Countdown';
import { orderLine } from './requests-store';

const FILTERS = ['open', 'pending_acceptance', 'accepted', 'delivered', 'cancelled', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** The requests the creator received, by state, newest first; reloaded when any of them changes. */
export function OrderList({ openId }: Readonly<{ openId: OrderId | null }>) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const [orders, setOrders] = useState<readonly Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      const r = await studioClient().orders.list(filter === 'all' ? {} : { state: filter });
      if (!current) return;
      if (r.ok) {
        setOrders(r.value.orders);
        setError(null);
      } else setError(r.error.message);
    };
    void load();
    const stop = studioClient().on('orders.changed', () => void load());
    return () => {
      current = false;
      stop();
    };
  }, [filter]);

  return (
    <section className="requests-card requests-list" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('requests.list.title')}</h2>
      <Segmented label={t('requests.list.filter')} value={filter} options={FILTERS.map((f) => ({ value: f, label: t(`requests.list.filters.${f}`) }))} onChange={setFilter} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {orders && orders.length === 0 ? <p className="requests-note">{t('requests.list.none')}</p> : null}
      <ul aria-label={t('requests.list.title')}>
        {(orders ?? []).map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className={o.id === openId ? 'requests-row is-active' : 'requests-row'}
              aria-current={o.id === openId ? 'true' : undefined}
              onClick={() => navigate(paths.requests(o.id))}
            >
              <span className="requests-row__who">{orderLine(o)}</span>
              <span className={`requests-state requests-state--${o.state}`}>{t(`requests.state.${o.state}`)}</span>
              <Countdown order={o} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
