import type { CatalogItem } from '../../protocol/catalog';
import { EMPTY_LOOK, withLayer, type Look } from './look';

export interface AnchorLook {
  /** What the try-on wears on opening: every linked item, one per body area, in the anchor's order. */
  readonly look: Look;
  /** Linked items left off because an earlier one already took their body area (the viewer can switch to them). */
  readonly offered: readonly CatalogItem[];
}

/**
 * The look an anchor opens with: its own item in the anchor's shade (else the first), then each
 * extra item in its first shade. The engine wears one item per body area, so a second lipstick in
 * a look is offered to switch to rather than silently replacing the first.
 */
export function anchorLook(items: readonly CatalogItem[], attributeId: string | null): AnchorLook {
  let look = EMPTY_LOOK;
  const offered: CatalogItem[] = [];
  items.forEach((item, index) => {
    const shade = (index === 0 && item.attributes.some((a) => a.id === attributeId) ? attributeId : null) ?? item.attributes[0]?.id;
    if (shade === undefined) return;
    if (look.some((layer) => layer.item.bodyArea === item.bodyArea)) offered.push(item);
    else look = withLayer(look, item, shade);
  });
  return { look, offered };
}

/** The attribute `item` is worn in, or null when the look does not have it on. */
export const wornShade = (look: Look, item: CatalogItem): string | null => look.find((layer) => layer.item.id === item.id)?.attributeId ?? null;
