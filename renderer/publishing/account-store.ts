import { useSyncExternalStore } from 'react';
import type { AccountView } from '../../shared/ipc/platform-schemas';
import { studioClient } from '../client/studio-client';

/**
 * Who is signed in to the platform, from `account.status` and then `account.changed`. The token
 * stays main-side; this store only ever holds the handle and display name.
 */
function createAccountStore() {
  let view: AccountView | null = null;
  let started = false;
  const subscribers = new Set<() => void>();
  const set = (next: AccountView): void => {
    view = next;
    for (const s of subscribers) s();
  };
  const start = (): void => {
    if (started) return;
    started = true;
    const client = studioClient();
    client.on('account.changed', set);
    void client.account.status().then((r) => r.ok && set(r.value));
  };
  return {
    get: (): AccountView | null => view,
    set,
    subscribe(fn: () => void): () => void {
      start();
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

export const accountStore = createAccountStore();

export function useAccount(): AccountView | null {
  return useSyncExternalStore(accountStore.subscribe, accountStore.get);
}
