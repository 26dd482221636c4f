import type { AccountView } from '@shared/ipc/platform-schemas';
import type { Result } from '@shared/ipc/result';
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

/** Settings → Platform account's requests; a success is the new account view, kept here at once. */
const keep = async (call: Promise<Result<AccountView>>): Promise<Result<AccountView>> => {
  const result = await call;
  if (result.ok) accountStore.set(result.value);
  return result;
};
export const accountClient = {
  signIn: (handle: string, password: string) => keep(studioClient().account.login({ handle, password })),
  register: (handle: string, password: string, displayName: string) => keep(studioClient().account.register({ handle, password, displayName })),
  signOut: () => keep(studioClient().account.logout()),
};
