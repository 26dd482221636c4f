import type { BodyArea, ItemKind } from '../../catalog/schema';

interface SuggestableItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly bodyArea: BodyArea;
  readonly attributes: readonly { readonly id: string }[];
}

/** A hot anchor as the suggestion needs it: which item, in which shade. */
export interface HotPick {
  readonly itemId: string;
  readonly attributeId: string | null;
}

export interface Suggestion<I> {
  readonly item: I;
  readonly attributeId: string | null;
  readonly source: 'same-type' | 'hot';
}

/**
 * Associated anchors to offer beside an anchor on `itemId`: first the catalog's items worn on the
 * same body area AND of the same kind (other lipsticks for a lipstick, other hats for a hat) in
 * catalog order with their first shade, then the items of the most-triggered anchors (`hot`, most
 * triggered first) with that anchor's shade. Each item once; never `itemId` itself; at most `limit`.
 * Null when `itemId` is not in the catalog. Hot picks whose item left the catalog are skipped.
 */
export function suggestAssociated<I extends SuggestableItem>(catalog: readonly I[], itemId: string, hot: readonly HotPick[], limit: number): Suggestion<I>[] | null {
  const given = catalog.find((i) => i.id === itemId);
  if (!given) return null;
  const byId = new Map(catalog.map((i) => [i.id, i]));
  const seen = new Set<string>([itemId]);
  const out: Suggestion<I>[] = [];
  const add = (item: I, attributeId: string | null, source: Suggestion<I>['source']): void => {
    if (out.length >= limit || seen.has(item.id)) return;
    seen.add(item.id);
    out.push({ item, attributeId, source });
  };
  for (const item of catalog) {
    if (item.bodyArea === given.bodyArea && item.kind === given.kind) add(item, item.attributes[0]?.id ?? null, 'same-type');
  }
  for (const pick of hot) {
    const item = byId.get(pick.itemId);
    if (!item) continue;
    // A shade the item no longer has falls back to its first one rather than naming a dead attribute.
    const shade = item.attributes.some((a) => a.id === pick.attributeId) ? pick.attributeId : (item.attributes[0]?.id ?? null);
    add(item, shade, 'hot');
  }
  return out;
}
