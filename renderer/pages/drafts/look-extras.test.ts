import { expect, test } from 'vitest';
import { LookLayerIds } from '@shared/domain/tryon/look-ids';
import { lookExtraCount } from './look-extras';

const layer = (itemId: string) => LookLayerIds.parse({ itemId, attributeId: 'a1', intensity: 1 });

test('a photo’s look counts the items worn beside its own; no look, or the item alone, is none', () => {
  expect(lookExtraCount({ itemId: 'velvet-rouge-lipstick', look: ['sunset-lids-eyeshadow', 'velvet-rouge-lipstick', 'round-frames'].map(layer) })).toBe(2);
  expect(lookExtraCount({ itemId: 'velvet-rouge-lipstick', look: [layer('velvet-rouge-lipstick')] })).toBe(0);
  expect(lookExtraCount({ itemId: 'velvet-rouge-lipstick', look: [] })).toBe(0);
  expect(lookExtraCount({ itemId: null, look: ['round-frames', 'classic-fedora'].map(layer) })).toBe(2);
});
