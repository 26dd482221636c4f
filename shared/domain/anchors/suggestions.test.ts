import { describe, expect, test } from 'vitest';
import { anchorsShownAt, isWholePost } from './shown-at';
import { suggestAssociated } from './suggestions';

const item = (id: string, kind: 'lipstick' | 'hat' | 'glasses', bodyArea: 'lips' | 'head' | 'face', shades = ['a', 'b']) => ({ id, kind, bodyArea, attributes: shades.map((s) => ({ id: s })) });
const catalog = [
  item('red', 'lipstick', 'lips'),
  item('gloss', 'lipstick', 'lips', ['pink']),
  item('fedora', 'hat', 'head'),
  item('beanie', 'hat', 'head', ['wool']),
  item('frames', 'glasses', 'face', []),
];

describe('suggestAssociated', () => {
  test('same body area and kind in catalog order with their first shade, then hot items with their shade', () => {
    const out = suggestAssociated(catalog, 'red', [{ itemId: 'fedora', attributeId: 'b' }], 8)!;
    expect(out.map((s) => [s.item.id, s.attributeId, s.source])).toEqual([
      ['gloss', 'pink', 'same-type'],
      ['fedora', 'b', 'hot'],
    ]);
  });

  test('never the given item, each item once, at most `limit`', () => {
    const hot = [
      { itemId: 'red', attributeId: 'a' },
      { itemId: 'beanie', attributeId: 'wool' },
      { itemId: 'beanie', attributeId: 'wool' },
      { itemId: 'frames', attributeId: null },
    ];
    expect(suggestAssociated(catalog, 'fedora', hot, 8)!.map((s) => s.item.id)).toEqual(['beanie', 'red', 'frames']);
    expect(suggestAssociated(catalog, 'fedora', hot, 2)!.map((s) => s.item.id)).toEqual(['beanie', 'red']);
  });

  test('a hot shade the item lost falls back to its first; a hot item gone from the catalog is skipped; an unknown item → null', () => {
    const out = suggestAssociated(
      catalog,
      'frames',
      [
        { itemId: 'gone', attributeId: null },
        { itemId: 'red', attributeId: 'deleted' },
      ],
      8,
    )!;
    expect(out.map((s) => [s.item.id, s.attributeId, s.source])).toEqual([['red', 'a', 'hot']]);
    expect(suggestAssociated(catalog, 'nope', [], 8)).toBeNull();
  });
});

describe('anchorsShownAt', () => {
  const anchors = [
    { id: 'early', startMs: 0, endMs: 1000 },
    { id: 'late', startMs: 1000, endMs: 3000 },
    { id: 'always', startMs: 0, endMs: 0 },
  ];
  test.each([
    [0, ['early', 'always']],
    [999, ['early', 'always']],
    [1000, ['late', 'always']],
    [2999, ['late', 'always']],
    [3000, ['always']],
  ])('at %i ms', (t, ids) => {
    expect(anchorsShownAt(anchors, t).map((a) => a.id)).toEqual(ids);
  });
  test('0/0 is the whole post; any other range is not', () => {
    expect(isWholePost({ startMs: 0, endMs: 0 })).toBe(true);
    expect(isWholePost({ startMs: 0, endMs: 1 })).toBe(false);
  });
});
