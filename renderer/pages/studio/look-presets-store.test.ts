import { beforeAll, describe, expect, it, vi } from 'vitest';
import shipped from '../../../resources/catalog/catalog.json';
import { Catalog } from '@shared/catalog/schema';
import { EMPTY_LOOK, lookKey, withLayer } from '@shared/domain/tryon/look';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { LookPreset, LookPresetId } from '@shared/domain/tryon/look-preset';
import type { Result } from '@shared/ipc/result';
import type { lookPresetsStore as StoreValue } from './look-presets-store';
import type * as ViewModule from './look-presets-view';

const catalog = Catalog.parse(shipped);
const item = (id: string) => catalog.items.find((i) => i.id === id)!;
const layer = (itemId: string, attributeId: string, intensity = 1) => ({ itemId, attributeId, intensity }) as LookLayerIds;
const preset = (id: string, name: string, layers: LookLayerIds[]): LookPreset => ({ id: `lkp_${id.padStart(10, '0')}` as LookPresetId, name, layers, createdAt: 1, updatedAt: 1 });

/** A fake main side: presets in memory, every call recorded. */
let stored: LookPreset[] = [];
const calls: string[] = [];
const listeners: (() => void)[] = [];
const answer = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

let store: typeof StoreValue;
let view: typeof ViewModule;
beforeAll(async () => {
  vi.stubGlobal('window', {
    studio: {
      host: 'browser',
      on: (name: string, listener: () => void) => {
        calls.push(`on ${name}`);
        listeners.push(listener);
        return () => undefined;
      },
      lookPresets: {
        list: () => (calls.push('list'), answer(stored)),
        save: (input: { name: string; layers: LookLayerIds[]; overwrite: boolean }) => {
          calls.push(`save ${input.name} ${input.overwrite}`);
          const saved = preset(String(stored.length + 1), input.name, input.layers);
          stored = [...stored, saved];
          return answer(saved);
        },
        rename: ({ id, name }: { id: LookPresetId; name: string }) => {
          calls.push(`rename ${name}`);
          stored = stored.map((p) => (p.id === id ? { ...p, name } : p));
          return answer(stored.find((p) => p.id === id)!);
        },
        remove: ({ id }: { id: LookPresetId }) => {
          calls.push('remove');
          stored = stored.filter((p) => p.id !== id);
          return answer(null);
        },
      },
    },
  });
  store = (await import('./look-presets-store')).lookPresetsStore;
  view = await import('./look-presets-view');
});

describe('lookPresetsStore', () => {
  it('lists when first watched and on lookPresets.changed; saves a look as ids, renames, removes and restores, listing after each', async () => {
    stored = [preset('1', 'Day', [layer('velvet-rouge-lipstick', 'brick')])];
    store.subscribe(() => undefined);
    await vi.waitFor(() => expect(store.get().loaded).toBe(true));
    expect(store.get().presets.map((p) => p.name)).toEqual(['Day']);
    expect(calls.splice(0)).toEqual(['on lookPresets.changed', 'list']);

    const look = withLayer(withLayer(EMPTY_LOOK, item('velvet-rouge-lipstick'), 'brick', 0.6), item('round-frames'), 'gold');
    const saved = await store.save('Night', look, false);
    expect(saved.ok && saved.value.layers).toEqual([layer('velvet-rouge-lipstick', 'brick', 0.6), layer('round-frames', 'gold')]);
    expect(store.get().presets.map((p) => p.name)).toEqual(['Day', 'Night']);
    await store.rename(stored[1]!.id, 'Late');
    const removed = store.get().presets[0]!;
    await store.remove(removed.id);
    expect(store.get().presets.map((p) => p.name)).toEqual(['Late']);
    await store.restore(removed);
    expect(store.get().presets.map((p) => p.name)).toEqual(['Late', 'Day']);
    expect(calls.splice(0)).toEqual(['save Night false', 'list', 'rename Late', 'list', 'remove', 'list', 'save Day false', 'list']);

    stored = [];
    listeners[0]!();
    await vi.waitFor(() => expect(store.get().presets).toEqual([]));
  });
});

describe('look presets view', () => {
  it('finds a clashing name whatever its case, except the preset being renamed', () => {
    const day = preset('1', 'Day', [layer('velvet-rouge-lipstick', 'brick')]);
    expect(view.presetNamed([day], ' DAY ')).toBe(day);
    expect(view.presetNamed([day], 'DAY', day.id)).toBeNull();
    expect(view.presetNamed([day], 'Night')).toBeNull();
  });

  it('wears what is left of a preset and counts what is not; nothing when nothing is left', () => {
    const full = preset('1', 'Full', [layer('velvet-rouge-lipstick', 'brick'), layer('gone-item', 'red'), layer('round-frames', 'no-such-shade')]);
    const applied = view.presetToApply(full, catalog.items);
    expect(lookKey(applied.look!)).toBe('velvet-rouge-lipstick/brick');
    expect(applied.skipped).toBe(2);
    expect(view.presetToApply(full, [])).toEqual({ look: null, skipped: 3 });
    expect(view.presetSwatches(full.layers, catalog.items)).toEqual([
      { key: 'velvet-rouge-lipstick/brick', colour: item('velvet-rouge-lipstick').attributes.find((a) => a.id === 'brick')!.swatch, label: 'Velvet Rouge Lipstick · Brick' },
      { key: 'gone-item/red', colour: null, label: null },
      { key: 'round-frames/no-such-shade', colour: null, label: null },
    ]);
  });
});
