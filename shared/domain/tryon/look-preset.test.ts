import { describe, expect, it } from 'vitest';
import shipped from '../../../resources/catalog/catalog.json';
import { Catalog } from '../../catalog/schema';
import { EMPTY_LOOK, lookKey, withLayer } from './look';
import { areaClash, LookPresetName, PresetLayers, presetNameKey, presetNameProblem, resolvePreset } from './look-preset';
import { lookIdsOf, type LookLayerIds } from './look-ids';

const catalog = Catalog.parse(shipped);
const item = (id: string) => catalog.items.find((i) => i.id === id)!;
const layer = (itemId: string, attributeId: string, intensity = 1) => ({ itemId, attributeId, intensity }) as LookLayerIds;

describe('look presets', () => {
  it('store a look as ids and intensities, and resolve back to the same look', () => {
    let look = withLayer(EMPTY_LOOK, item('velvet-rouge-lipstick'), 'brick', 0.6);
    look = withLayer(look, item('round-frames'), 'gold');
    look = withLayer(look, item('classic-fedora'), 'camel');
    const layers = lookIdsOf(look);
    expect(layers).toEqual([layer('velvet-rouge-lipstick', 'brick', 0.6), layer('round-frames', 'gold'), layer('classic-fedora', 'camel')]);
    const resolved = resolvePreset(PresetLayers.parse(JSON.parse(JSON.stringify(layers))), catalog.items);
    expect(resolved.skipped).toEqual([]);
    expect(lookKey(resolved.look)).toBe(lookKey(look));
  });

  it('skip and report items and shades no longer in the catalog, and a second layer on one body area', () => {
    const layers = [
      layer('velvet-rouge-lipstick', 'brick'),
      layer('gone-lipstick', 'red'),
      layer('round-frames', 'no-such-shade'),
      layer('glass-gloss-lip', 'cherry-gloss'),
      layer('classic-fedora', 'camel', 0.5),
    ];
    const { look, skipped } = resolvePreset(layers, catalog.items);
    expect(lookKey(look)).toBe('velvet-rouge-lipstick/brick+classic-fedora/camel@0.50');
    expect(skipped.map((s) => `${s.layer.itemId}:${s.reason}`)).toEqual(['gone-lipstick:item', 'round-frames:shade', 'glass-gloss-lip:area']);
    expect(resolvePreset(layers, [])).toEqual({ look: EMPTY_LOOK, skipped: layers.map((l) => ({ layer: l, reason: 'item' })) });
  });

  it('names: trimmed, 1–60 characters, no control characters; clash case-insensitively', () => {
    expect(presetNameProblem('  Evening  ')).toBeNull();
    expect(presetNameProblem('   ')).toBe('empty');
    expect(presetNameProblem('x'.repeat(61))).toBe('tooLong');
    expect(presetNameProblem(` ${'x'.repeat(60)} `)).toBeNull();
    expect(presetNameProblem('two\nlines')).toBe('control');
    expect(presetNameProblem('晚宴妆')).toBeNull();
    expect(LookPresetName.parse('  Evening ')).toBe('Evening');
    expect(LookPresetName.safeParse('').success).toBe(false);
    expect(presetNameKey(' Evening ')).toBe(presetNameKey('EVENING'));
  });

  it('layers: at least one, each item once, intensities within 0–1', () => {
    expect(PresetLayers.safeParse([]).success).toBe(false);
    expect(PresetLayers.safeParse([layer('velvet-rouge-lipstick', 'brick'), layer('velvet-rouge-lipstick', 'nude')]).success).toBe(false);
    for (const intensity of [-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(PresetLayers.safeParse([layer('velvet-rouge-lipstick', 'brick', intensity)]).success, String(intensity)).toBe(false);
    expect(PresetLayers.safeParse([{ ...layer('velvet-rouge-lipstick', 'brick'), item: {} }]).success).toBe(false);
    expect(PresetLayers.parse([layer('velvet-rouge-lipstick', 'brick', 0)])).toHaveLength(1);
  });

  it('find two items on one body area', () => {
    expect(areaClash([item('velvet-rouge-lipstick'), item('round-frames')])).toBeNull();
    expect(areaClash([item('velvet-rouge-lipstick'), item('round-frames'), item('glass-gloss-lip')])?.map((i) => i.id)).toEqual(['velvet-rouge-lipstick', 'glass-gloss-lip']);
  });
});
