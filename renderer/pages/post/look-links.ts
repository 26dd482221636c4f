import { MAX_EXTRA_LINKS, type PlacedAnchor } from '@shared/domain/anchors/anchor-set';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';

/**
 * The items a photo's look wore beside the target (issue 16 §2), as the target anchor's "This look"
 * links: in the look's order, only items the catalog still has, never the target itself, at most
 * MAX_EXTRA_LINKS.
 */
export function lookLinks(look: readonly LookLayerIds[], targetItemId: string, catalog: readonly Readonly<{ id: string }>[]): string[] {
  const known = new Set<string>(catalog.map((i) => i.id));
  const links: string[] = [];
  for (const layer of look) {
    if (layer.itemId === targetItemId || !known.has(layer.itemId) || links.includes(layer.itemId)) continue;
    if (links.length === MAX_EXTRA_LINKS) break;
    links.push(layer.itemId);
  }
  return links;
}

/** The target anchor with the rest of the draft's look linked to it; unchanged when the look has nothing else. */
export function withLookLinks(target: PlacedAnchor, look: readonly LookLayerIds[], catalog: readonly Readonly<{ id: string }>[]): PlacedAnchor {
  const links = lookLinks(look, target.itemId, catalog);
  return links.length === 0 ? target : { ...target, extraItemIds: links };
}
