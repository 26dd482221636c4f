import { useEffect } from 'react';
import { DEFAULT_HOTKEYS, type RecordingHotkeys } from '@shared/domain/recording/hotkeys';
import type { RenderingQualitySetting, SettingsPatch, SettingsView } from '@shared/ipc/nouns/settings';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';

/** The studio's settings as last read or saved; null until the first answer. */
const state = syncedStore<SettingsView | null>(null);

// A read that was asked for before a save may answer after it: only the newest request counts.
let generation = 0;

export const settingsStore = {
  get: state.get,
  subscribe: state.subscribe,
  /** Reads the settings afresh (a page reads them when it opens: another window may have saved meanwhile). */
  async load(): Promise<Result<SettingsView>> {
    const mine = ++generation;
    const result = await studioClient().settings.get();
    if (result.ok && mine === generation) state.set(result.value);
    return result;
  },
  /**
   * Saves a patch (validated main-side). Readers see it at once (a control does not snap back while
   * main checks it), then the settings main answered with, or the previous ones again on a refusal.
   */
  async save(patch: SettingsPatch): Promise<Result<SettingsView>> {
    const mine = ++generation;
    const before = state.get();
    if (before) state.set({ ...before, ...patch });
    const result = await studioClient().settings.set(patch);
    if (mine === generation) state.set(result.ok ? result.value : before);
    return result;
  },
};

/** The settings, read when the calling component mounts; null until they arrive. */
export function useSettings(): SettingsView | null {
  useEffect(() => void settingsStore.load(), []);
  return useStore(state);
}

/** The recording shortcuts from Settings (the defaults until they are read): the Studio, Shoot and Settings pages share them. */
export const useRecordingHotkeys = (): RecordingHotkeys => useSettings()?.hotkeys ?? DEFAULT_HOTKEYS;

/** Settings → Rendering quality: Auto when never chosen; null while the settings are not read yet. */
export const renderingQualityOf = (settings: SettingsView | null): RenderingQualitySetting | null => (settings ? (settings.renderingQuality ?? 'auto') : null);
