import { useEffect } from 'react';
import type { CatalogItem } from '@shared/catalog/schema';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';

export interface CatalogState {
  readonly items: readonly CatalogItem[];
  /** Why the last read failed; null after a good one. */
  readonly error: string | null;
}

/** The try-on catalog (Studio and Shoot pages): it does not change while the studio runs, so it is read once it has been read well. */
const state = syncedStore<CatalogState>({ items: [], error: null });

let loaded = false;
let loading: Promise<void> | null = null;

function load(): Promise<void> {
  loading ??= studioClient()
    .catalog.list()
    .then((result) => {
      loaded = result.ok;
      state.set(result.ok ? { items: result.value, error: null } : { ...state.get(), error: result.error.message });
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

export const catalogStore = { get: state.get, subscribe: state.subscribe, load };

/** The catalog; a page that opens after a failed read asks again. */
export function useCatalog(): CatalogState {
  useEffect(() => {
    if (!loaded) void load();
  }, []);
  return useStore(state);
}
