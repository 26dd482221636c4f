import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS } from '@shared/domain/recording/hotkeys';
import type { SettingsPatch, SettingsView } from '@shared/ipc/nouns/settings';
import type { Result } from '@shared/ipc/result';
import type { renderingQualityOf as RenderingQualityOfValue, settingsStore as SettingsStoreValue } from './settings-store';

type SettingsStore = typeof SettingsStoreValue;
type RenderingQualityOf = typeof RenderingQualityOfValue;

const view = (maxLengthS: number): SettingsView => ({
  encoder: { preset: 'veryfast', crf: 23 },
  maxLengthS,
  ffmpegPath: null,
  language: 'system',
  hotkeys: DEFAULT_HOTKEYS,
  exportMirrored: false,
  ffmpeg: { path: '/usr/bin/ffmpeg', source: 'system', version: '5.1' },
});

/** Calls to the fake main side, answered when the test says so. */
const pending: { kind: 'get' | 'set'; patch?: SettingsPatch; answer: (r: Result<SettingsView>) => void }[] = [];
const call = (kind: 'get' | 'set', patch?: SettingsPatch) => new Promise<Result<SettingsView>>((answer) => pending.push({ kind, answer, ...(patch ? { patch } : {}) }));

let settingsStore: SettingsStore;
let renderingQualityOf: RenderingQualityOf;
beforeAll(async () => {
  vi.stubGlobal('window', { studio: { settings: { get: () => call('get'), set: (patch: SettingsPatch) => call('set', patch) } } });
  ({ settingsStore, renderingQualityOf } = await import('./settings-store'));
});

describe('settingsStore', () => {
  it('shows a save at once, then main’s answer; a read asked before the save cannot undo it; a refusal restores the previous settings', async () => {
    const loaded = settingsStore.load();
    pending.shift()!.answer({ ok: true, value: view(60) });
    await loaded;
    expect(settingsStore.get()?.maxLengthS).toBe(60);

    const staleRead = settingsStore.load();
    const saved = settingsStore.save({ maxLengthS: 180 });
    expect(settingsStore.get()?.maxLengthS).toBe(180);
    const [get, set] = pending.splice(0, 2);
    expect(set!.patch).toEqual({ maxLengthS: 180 });
    set!.answer({ ok: true, value: view(180) });
    await saved;
    get!.answer({ ok: true, value: view(60) });
    await staleRead;
    expect(settingsStore.get()?.maxLengthS).toBe(180);

    const refused = settingsStore.save({ maxLengthS: 300 });
    expect(settingsStore.get()?.maxLengthS).toBe(300);
    pending.shift()!.answer({ ok: false, error: { code: 'invalid_input', message: 'no' } });
    expect((await refused).ok).toBe(false);
    expect(settingsStore.get()?.maxLengthS).toBe(180);
  });

  it('reads rendering quality as Auto when never chosen, and as nothing before the settings arrive', () => {
    expect(renderingQualityOf(null)).toBeNull();
    expect(renderingQualityOf(view(60))).toBe('auto');
    expect(renderingQualityOf({ ...view(60), renderingQuality: 'fast' })).toBe('fast');
  });
});
