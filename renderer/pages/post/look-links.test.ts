import { expect, test } from 'vitest';
import type { PlacedAnchor } from '@shared/domain/anchors/anchor-set';
import { LookLayerIds } from '@shared/domain/tryon/look-ids';
import { lookLinks, withLookLinks } from './look-links';

const catalog = ['cheek-glow-blush', 'sunset-lids-eyeshadow', 'velvet-rouge-lipstick', 'round-frames', 'classic-fedora'].map((id) => ({ id }));
const layer = (itemId: string) => LookLayerIds.parse({ itemId, attributeId: 'a1', intensity: 1 });
const target: PlacedAnchor = { itemId: 'velvet-rouge-lipstick', attributeId: 'berry', label: 'Velvet Rouge Lipstick · Berry', role: 'target', point: { x: 0.5, y: 0.6 }, placement: 'near-item' };

test('the other items of the look, in its order, are the target’s links', () => {
  const look = ['sunset-lids-eyeshadow', 'velvet-rouge-lipstick', 'round-frames'].map(layer);
  expect(lookLinks(look, 'velvet-rouge-lipstick', catalog)).toEqual(['sunset-lids-eyeshadow', 'round-frames']);
  expect(withLookLinks(target, look, catalog)).toEqual({ ...target, extraItemIds: ['sunset-lids-eyeshadow', 'round-frames'] });
});

test('no look, or only the target, leaves the target as it was; items gone from the catalog are left out', () => {
  expect(withLookLinks(target, [], catalog)).toBe(target);
  expect(withLookLinks(target, [layer('velvet-rouge-lipstick')], catalog)).toBe(target);
  expect(lookLinks([layer('retired-item'), layer('round-frames')], 'velvet-rouge-lipstick', catalog)).toEqual(['round-frames']);
});

test('a full look of five links its four other items, the most an anchor links', () => {
  const look = catalog.map((i) => layer(i.id));
  expect(lookLinks(look, 'classic-fedora', catalog)).toEqual(['cheek-glow-blush', 'sunset-lids-eyeshadow', 'velvet-rouge-lipstick', 'round-frames']);
  expect(lookLinks([...look, layer('sunset-lids-eyeshadow')], 'nothing-worn', [...catalog, { id: 'nothing-worn' }])).toHaveLength(4);
});
