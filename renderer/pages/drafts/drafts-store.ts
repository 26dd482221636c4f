import { useSyncExternalStore } from 'react';
import type { Draft } from '../../../shared/domain/drafts';
import type { DraftId } from '../../../shared/domain/ids';
import type { StudioError } from '../../../shared/ipc/result';
import { studioClient } from '../../client/studio-client';

export interface DraftsState {
  readonly drafts: readonly Draft[];
  readonly loaded: boolean;
  readonly error: StudioError | null;
}

/** The drafts list as the renderer sees it: loaded once, refreshed on every `drafts.changed`. */
function createDraftsStore() {
  let state: DraftsState = { drafts: [], loaded: false, error: null };
  const subscribers = new Set<() => void>();
  let started = false;
  let generation = 0;

  const set = (next: DraftsState): void => {
    state = next;
    for (const s of subscribers) s();
  };

  const refresh = async (): Promise<void> => {
    const mine = ++generation;
    const result = await studioClient().drafts.list();
    if (mine !== generation) return;
    set(result.ok ? { drafts: result.value, loaded: true, error: null } : { ...state, loaded: true, error: result.error });
  };

  const start = (): void => {
    if (started) return;
    started = true;
    studioClient().on('drafts.changed', () => void refresh());
    void refresh();
  };

  return {
    get: (): DraftsState => state,
    subscribe(fn: () => void): () => void {
      start();
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    refresh,
    byId: (id: DraftId): Draft | undefined => state.drafts.find((d) => d.id === id),
  };
}

export const draftsStore = createDraftsStore();

export const useDrafts = (): DraftsState => useSyncExternalStore(draftsStore.subscribe, draftsStore.get);
