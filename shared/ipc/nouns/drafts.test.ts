import { expect, test } from 'vitest';
import { LookIds } from '../../domain/tryon/look-ids';
import { drafts } from './drafts';

const SavePhotoInput = drafts.methods.savePhoto.input;
const photo = { bytes: new Uint8Array([1, 2, 3]), title: 'Full look', itemId: 'lipstick-classic', attributeId: 'ruby' };
const layer = (itemId: string, attributeId = 'red', intensity = 1) => ({ itemId, attributeId, intensity });
const messages = (input: unknown): string[] => {
  const parsed = LookIds.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

test('a photo may carry its whole look, or none (a single item, older clients)', () => {
  const look = [layer('blush-peach', 'peach', 0.6), layer('lipstick-classic', 'ruby')];
  expect(SavePhotoInput.parse({ ...photo, look }).look).toEqual(look);
  expect(SavePhotoInput.parse(photo).look).toBeUndefined();
  expect(SavePhotoInput.parse({ ...photo, look: [] }).look).toEqual([]);
});

test('a look is at most 5 layers, each item once, ids in their formats, intensity 0–1', () => {
  expect(messages(['a', 'b', 'c', 'd', 'e', 'f'].map((c) => layer(`item-${c}`)))).toEqual(['a look has at most 5 layers, one per body area']);
  expect(messages([layer('hat-fedora', 'black'), layer('hat-fedora', 'grey')])).toEqual(['hat-fedora is in the look twice']);
  expect(messages([layer('../etc/passwd')])).toEqual(['an item id is lower-case letters, digits and dashes']);
  expect(messages([layer('hat-fedora', 'Black Felt')])).toEqual(['an attribute id is lower-case letters, digits and dashes']);
  expect(messages([layer('hat-fedora', 'black', 1.5)])).toHaveLength(1);
  expect(messages([layer('hat-fedora', 'black', -0.1)])).toHaveLength(1);
  expect(SavePhotoInput.safeParse({ ...photo, look: [layer('hat-fedora', 'black', Number.NaN)] }).success).toBe(false);
});
