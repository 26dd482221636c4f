import type { Order } from '@shared/protocol/orders';
import { syncedStore, useStore } from '../../client/synced-store';

/** The request being recorded for: Shoot shows it in the teleprompter panel until it is closed. */
const recordingFor = syncedStore<Order | null>(null);

export const teleprompterStore = {
  show: (order: Order): void => recordingFor.set(order),
  close: (): void => recordingFor.set(null),
};

export const useTeleprompter = (): Order | null => useStore(recordingFor);
