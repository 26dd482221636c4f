import type { Notice } from '@shared/ipc/contract';
import { studioClient } from '../client/studio-client';
import { syncedStore, useStore } from '../client/synced-store';

/** What main had to tell the user (e.g. a database moved aside): those from before the window existed, then each as it comes. */
const notices = syncedStore<readonly Notice[]>([], (store) => {
  const client = studioClient();
  void client.app.notices().then((r) => r.ok && store.set(r.value));
  client.on('app.notice', (notice) => store.update((list) => [...list.filter((n) => n.id !== notice.id), notice]));
});

export const noticesStore = {
  get: notices.get,
  subscribe: notices.subscribe,
  dismiss(id: Notice['id']): void {
    notices.update((list) => list.filter((n) => n.id !== id));
    void studioClient().app.dismissNotice({ id });
  },
};

export const useNotices = (): readonly Notice[] => useStore(notices);
