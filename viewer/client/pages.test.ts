import { describe, expect, it } from 'vitest';
import { appendPage, emptyPaged, hasMore, prependItem } from './pages';

describe('keyset pages', () => {
  it('appends pages in order without repeating an item a moved boundary sends twice', () => {
    let paged = emptyPaged<{ id: string }>();
    expect(hasMore(paged)).toBe(true);
    paged = appendPage(paged, { items: [{ id: 'c' }, { id: 'b' }], nextCursor: 'b' });
    paged = appendPage(paged, { items: [{ id: 'b' }, { id: 'a' }], nextCursor: null });
    expect(paged.items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(hasMore(paged)).toBe(false);
  });

  it('puts a live item first, replacing its older copy', () => {
    const paged = appendPage(emptyPaged<{ id: string; n: number }>(), {
      items: [
        { id: 'x', n: 1 },
        { id: 'y', n: 1 },
      ],
      nextCursor: null,
    });
    expect(prependItem(paged, { id: 'y', n: 2 }).items).toEqual([
      { id: 'y', n: 2 },
      { id: 'x', n: 1 },
    ]);
  });
});
