import { useCallback, useEffect, useState } from 'react';
import { ORDER_EVENT_TYPES, orderRoutes, type Order } from '@shared/protocol/orders';
import { call } from '../../client/api';
import { onLiveEvent } from '../../client/live-store';

const ORDER_EVENTS: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);

/** Whether a live event is a change of this order (or of any order, with null). */
export const isOrderEvent = (event: Readonly<{ type: string; data: Readonly<Record<string, unknown>> }>, orderId: string | null): boolean =>
  ORDER_EVENTS.has(event.type) && (orderId === null || event.data.orderId === orderId);

/** Calls `reload` whenever one of the viewer's orders changes (the `user:<id>` topic carries every order event). */
export function useOrderEvents(orderId: string | null, reload: () => void): void {
  useEffect(() => onLiveEvent((event) => (isOrderEvent(event, orderId) ? reload() : undefined)), [orderId, reload]);
}

/** One order, reloaded when the platform says it changed (accepted, delivered, cancelled…): no polling. */
export function useOrder(orderId: string): Readonly<{ order: Order | null; error: unknown; reload: () => void; replace: (order: Order) => void }> {
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    const abort = new AbortController();
    call(orderRoutes.getOrder, { params: { id: orderId }, signal: abort.signal }).then(
      (answer) => {
        setOrder(answer);
        setError(null);
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [orderId, generation]);
  useOrderEvents(orderId, reload);
  return { order, error, reload, replace: setOrder };
}

/** The current time, ticking every second while mounted (countdowns; nothing is fetched). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
