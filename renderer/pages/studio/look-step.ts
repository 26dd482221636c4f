import type { CatalogItem } from '@shared/catalog/schema';

/** The entry `direction` steps from `index` in a ring (from none, -1, forward is the first). */
function cycle<T>(list: readonly T[], index: number, direction: 1 | -1): T | undefined {
  if (list.length === 0) return undefined;
  return list[(((index + direction) % list.length) + list.length) % list.length];
}

/** The next (or previous) shade of an item, wrapping: what ←/→ and an open mouth do. */
export function stepShade(item: CatalogItem, attributeId: string | null, direction: 1 | -1): string | null {
  const ids: readonly string[] = item.attributes.map((a) => a.id);
  return cycle(ids, ids.indexOf(attributeId ?? ''), direction) ?? null;
}

/** The next (or previous) catalog item, wrapping: what raised brows do. */
export function stepItem(items: readonly CatalogItem[], itemId: string | null, direction: 1 | -1): CatalogItem | null {
  return (
    cycle(
      items,
      items.findIndex((i) => i.id === itemId),
      direction,
    ) ?? null
  );
}
