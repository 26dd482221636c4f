import { navigate } from '../app/router';

/** Opens the Studio wearing an item (and shade): `/studio?item=…&attribute=…`, which the Studio page applies through its engine. */
export function studioPathFor(itemId: string, attributeId: string | null): string {
  const query = new URLSearchParams({ item: itemId });
  if (attributeId) query.set('attribute', attributeId);
  return `/studio?${query.toString()}`;
}

export function openStudioWith(itemId: string, attributeId: string | null, options: { replace?: boolean } = {}): void {
  navigate(studioPathFor(itemId, attributeId), options);
}

/** The item and shade a Studio URL asks for; null when it names none. */
export function studioLookFromQuery(search: string): { itemId: string; attributeId: string | null } | null {
  const query = new URLSearchParams(search);
  const itemId = query.get('item');
  return itemId ? { itemId, attributeId: query.get('attribute') } : null;
}
