/**
 * Opens the Studio wearing an item (and shade): `/studio?item=…&attribute=…`, which the Studio page
 * applies through its engine; `with` lists the other items of an anchor that links several (a look).
 */
export function studioPathFor(itemId: string, attributeId: string | null, withItemIds: readonly string[] = []): string {
  const query = new URLSearchParams({ item: itemId });
  if (attributeId) query.set('attribute', attributeId);
  if (withItemIds.length > 0) query.set('with', withItemIds.join(','));
  return `/studio?${query.toString()}`;
}

/** At most this many linked items are read from a Studio URL (an anchor links at most 4 more). */
const MAX_WITH = 4;

/** The item, shade and linked items a Studio URL asks for; null when it names none. */
export function studioLookFromQuery(search: string): { itemId: string; attributeId: string | null; withItemIds: readonly string[] } | null {
  const query = new URLSearchParams(search);
  const itemId = query.get('item');
  if (!itemId) return null;
  const withItemIds = [...new Set((query.get('with') ?? '').split(',').filter((id) => id !== '' && id !== itemId))].slice(0, MAX_WITH);
  return { itemId, attributeId: query.get('attribute'), withItemIds };
}
