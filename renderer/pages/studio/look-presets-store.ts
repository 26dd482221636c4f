import type { Look } from '@shared/domain/tryon/look';
import { type LookPreset, type LookPresetId } from '@shared/domain/tryon/look-preset';
import { lookIdsOf, type LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { Result, StudioError } from '@shared/ipc/result';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';

export interface LookPresetsState {
  /** By name, as main lists them. */
  readonly presets: readonly LookPreset[];
  readonly loaded: boolean;
  /** Why the last listing failed; null after a good one. */
  readonly error: StudioError | null;
}

/** The saved looks: listed when first shown, again on every `lookPresets.changed` (another window may save one). */
const state = syncedStore<LookPresetsState>({ presets: [], loaded: false, error: null }, () => {
  studioClient().on('lookPresets.changed', () => void refresh());
  void refresh();
});

// Only the latest listing counts: one asked for earlier may answer later.
let generation = 0;
async function refresh(): Promise<void> {
  const mine = ++generation;
  const result = await studioClient().lookPresets.list();
  if (mine !== generation) return;
  state.set(result.ok ? { presets: result.value, loaded: true, error: null } : { ...state.get(), loaded: true, error: result.error });
}

/** Lists afresh after a change that went through, without waiting for the event. */
async function andRefresh<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  const result = await call;
  if (result.ok) await refresh();
  return result;
}

export const lookPresetsStore = {
  get: state.get,
  subscribe: state.subscribe,
  refresh,
  /** Saves `look` under `name`; with `overwrite` it replaces the preset of that name (any case) instead of being refused. */
  save: (name: string, look: Look, overwrite: boolean): Promise<Result<LookPreset>> => andRefresh(studioClient().lookPresets.save({ name, layers: lookIdsOf(look), overwrite })),
  /** A deleted preset back (Undo): the same name and layers, as a new preset. */
  restore: (preset: Readonly<{ name: string; layers: readonly LookLayerIds[] }>): Promise<Result<LookPreset>> =>
    andRefresh(studioClient().lookPresets.save({ name: preset.name, layers: [...preset.layers], overwrite: false })),
  rename: (id: LookPresetId, name: string): Promise<Result<LookPreset>> => andRefresh(studioClient().lookPresets.rename({ id, name })),
  remove: (id: LookPresetId): Promise<Result<unknown>> => andRefresh(studioClient().lookPresets.remove({ id })),
};

export const useLookPresets = (): LookPresetsState => useStore(state);
