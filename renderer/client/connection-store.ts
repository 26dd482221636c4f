import { useSyncExternalStore } from 'react';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** Whether the browser-hosted studio's socket is up (Electron IPC is always 'open'). */
function createConnectionStore() {
  let state: ConnectionState = 'open';
  const subscribers = new Set<() => void>();
  return {
    get: (): ConnectionState => state,
    set(next: ConnectionState): void {
      if (next === state) return;
      state = next;
      for (const s of subscribers) s();
    },
    subscribe(fn: () => void): () => void {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

export const connectionStore = createConnectionStore();

export const useConnection = (): ConnectionState => useSyncExternalStore(connectionStore.subscribe, connectionStore.get);
