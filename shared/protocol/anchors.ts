import { z } from 'zod';
import { CatalogItem } from './catalog';
import { AnchorId, AttributeId, ItemId } from './ids';
import { Anchor } from './videos';

export const AnchorParams = z.object({ id: AnchorId });

/**
 * What a viewer's tap resolves to: enough to open the try-on with that item and shade. `items` is
 * every item the anchor links, its own first, then its extra items still in the catalog (a
 * one-item anchor: `[item]`).
 */
export const TriggerResponse = z.object({ anchor: Anchor, item: CatalogItem, items: z.array(CatalogItem).min(1) });
export type TriggerResponse = z.output<typeof TriggerResponse>;

export const HOT_ANCHORS_MAX = 50;

export const HotAnchorsQuery = z.object({ limit: z.coerce.number().int().min(1).max(HOT_ANCHORS_MAX).default(10) });

export const HotAnchors = z.object({ anchors: z.array(z.object({ anchor: Anchor, item: CatalogItem })) });
export type HotAnchors = z.output<typeof HotAnchors>;

export const ANCHOR_SUGGESTIONS_MAX = 20;

/** Associated anchors to offer beside an anchor on `itemId` (the posting page's list). */
export const AnchorSuggestionsQuery = z.object({
  itemId: ItemId,
  limit: z.coerce.number().int().min(1).max(ANCHOR_SUGGESTIONS_MAX).default(8),
});
export type AnchorSuggestionsQuery = z.input<typeof AnchorSuggestionsQuery>;

/**
 * One offer: `same-type` is a catalog item of the same body area and kind (other lipsticks for a
 * lipstick), with its first shade; `hot` is the item of one of the platform's most-triggered anchors
 * on public posts, with that anchor's shade. Each item at most once; never the given item.
 */
export const AnchorSuggestion = z.object({
  item: CatalogItem,
  attributeId: AttributeId.nullable(),
  source: z.enum(['same-type', 'hot']),
});
export type AnchorSuggestion = z.output<typeof AnchorSuggestion>;

export const AnchorSuggestions = z.object({ suggestions: z.array(AnchorSuggestion) });
export type AnchorSuggestions = z.output<typeof AnchorSuggestions>;
