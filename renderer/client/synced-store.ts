import { useSyncExternalStore } from 'react';

/** A value the renderer mirrors (from the main side, or a socket's state), read by React through `useStore`. */
export interface SyncedStore<S> {
  get(): S;
  set(next: S): void;
  update(change: (current: S) => S): void;
  subscribe(listener: () => void): () => void;
}

/**
 * The skeleton the renderer's stores share: the value, its subscribers, and `start`, run once on
 * the first subscription — never at import, so a page that never shows the value never asks for
 * it. `start` typically loads the current value and listens for the event that changes it.
 */
export function syncedStore<S>(initial: S, start?: (store: SyncedStore<S>) => void): SyncedStore<S> {
  let state = initial;
  let started = false;
  const subscribers = new Set<() => void>();
  const store: SyncedStore<S> = {
    get: () => state,
    set(next) {
      if (Object.is(next, state)) return;
      state = next;
      for (const s of subscribers) s();
    },
    update: (change) => store.set(change(state)),
    subscribe(listener) {
      if (!started) {
        started = true;
        start?.(store);
      }
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
  };
  return store;
}

export const useStore = <S>(store: SyncedStore<S>): S => useSyncExternalStore(store.subscribe, store.get);
