import type { OrderChanged, OrdersSummary } from '@shared/ipc/nouns/orders';
import type { Order } from '@shared/protocol/orders';
import { occasionIn } from '@shared/protocol/platform-texts';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';
import { currentLanguage, t } from '../../i18n/i18n';

/** Income and the count of requests waiting for an answer (the rail's badge); reloaded on every order change. */
const summary = syncedStore<OrdersSummary | null>(null, (store) => {
  const client = studioClient();
  const load = async (): Promise<void> => {
    const result = await client.orders.summary();
    store.set(result.ok ? result.value : null);
  };
  void load();
  client.on('orders.changed', (event) => {
    void load();
    if (event.asCreator && event.change === 'created') void notifyDesktop(event);
  });
  client.on('account.changed', (view) => (view.signedIn ? void load() : store.set(null)));
});

export const useOrdersSummary = (): OrdersSummary | null => useStore(summary);

/** The order on screen, so no desktop notification is raised for what the creator is reading. */
let showing: string | null = null;
export function showingOrder(orderId: string | null): void {
  showing = orderId;
}

/** Who and what, in one line: "@ana · Birthday for Zhang". */
export function orderLine(order: Order): string {
  const occasion = occasionIn(currentLanguage(), order.info.occasion);
  const who = order.info.name ? t('requests.forName', { occasion, name: order.info.name }) : occasion;
  return `@${order.requester.handle} · ${who}`;
}

/**
 * A new request: the Web Notifications API, which the desktop app shows as a system notification
 * and the browser-hosted studio after the user allowed it (Messages → "Allow desktop notifications").
 */
async function notifyDesktop(event: OrderChanged): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (showing === event.orderId && document.visibilityState === 'visible') return;
  const order = await studioClient().orders.get({ orderId: event.orderId });
  const note = new Notification(t('requests.notificationTitle'), { body: order.ok ? orderLine(order.value) : '', tag: event.orderId });
  note.onclick = () => {
    window.focus();
    navigate(paths.requests(event.orderId));
  };
}
