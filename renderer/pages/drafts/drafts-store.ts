import type { Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import type { Result, StudioError } from '@shared/ipc/result';
import { studioClient } from '../../client/studio-client';
import type { StudioClient } from '../../client/studio-client-type';
import { syncedStore, useStore } from '../../client/synced-store';

export interface DraftsState {
  readonly drafts: readonly Draft[];
  readonly loaded: boolean;
  readonly error: StudioError | null;
}

/** The drafts list as the renderer sees it: loaded once, refreshed on every `drafts.changed`. */
const state = syncedStore<DraftsState>({ drafts: [], loaded: false, error: null }, () => {
  studioClient().on('drafts.changed', () => void refresh());
  void refresh();
});

// Only the latest listing counts: one that was asked for earlier may answer later.
let generation = 0;
async function refresh(): Promise<void> {
  const mine = ++generation;
  const result = await studioClient().drafts.list();
  if (mine !== generation) return;
  state.set(result.ok ? { drafts: result.value, loaded: true, error: null } : { ...state.get(), loaded: true, error: result.error });
}

export const draftsStore = {
  get: state.get,
  subscribe: state.subscribe,
  refresh,
  byId: (id: DraftId): Draft | undefined => state.get().drafts.find((d) => d.id === id),
  // What the Drafts page asks of the main side; the list follows through `drafts.changed`.
  rename: (id: DraftId, title: string): Promise<Result<Draft>> => studioClient().drafts.rename({ id, title }),
  remove: (id: DraftId): Promise<Result<unknown>> => studioClient().drafts.remove({ id }),
  /** The Studio page's Take photo: a photo draft with the item and shade recorded. */
  savePhoto: (input: Parameters<StudioClient['drafts']['savePhoto']>[0]): Promise<Result<Draft>> => studioClient().drafts.savePhoto(input),
  /** The desktop app's native file dialog; null where there is none (the browser-hosted studio uses a file input). */
  importViaDialog: (): Promise<Result<Draft | null>> | null => (studioClient().host === 'electron' ? studioClient().drafts.importViaDialog() : null),
};

export const useDrafts = (): DraftsState => useStore(state);
