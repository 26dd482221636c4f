import type { AccountView } from '../../shared/ipc/platform-schemas';
import { studioClient } from '../client/studio-client';
import { syncedStore, useStore } from '../client/synced-store';

/**
 * Who is signed in to the platform, from `account.status` and then `account.changed`. The token
 * stays main-side; this store only ever holds the handle and display name.
 */
export const accountStore = syncedStore<AccountView | null>(null, (store) => {
  const client = studioClient();
  client.on('account.changed', store.set);
  void client.account.status().then((r) => r.ok && store.set(r.value));
});

export const useAccount = (): AccountView | null => useStore(accountStore);
