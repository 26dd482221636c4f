import { z } from 'zod';
import { AttributeId, BodyArea, CatalogItemId } from '../../catalog/schema';
import type { Look } from './look';

/**
 * A look by ids (issue 16 §2), as it is stored and sent: a saved look's layers, a photo's. Ids, not
 * catalog items, so it is matched against the catalog of the day when it is read (look-preset.ts).
 */

/** One worn layer: the item, its shade and how strongly it is applied (0–1). */
export const LookLayerIds = z.strictObject({
  itemId: CatalogItemId,
  attributeId: AttributeId,
  intensity: z.number().min(0, 'an intensity is 0 to 1').max(1, 'an intensity is 0 to 1'),
});
export type LookLayerIds = z.output<typeof LookLayerIds>;

/** The most layers a look has: one per body area. */
export const LOOK_LAYERS_MAX = BodyArea.options.length;

/** A look's layers: each item once, at most one per body area (the areas are checked where the catalog is known). */
export const LookIds = z
  .array(LookLayerIds)
  .max(LOOK_LAYERS_MAX, `a look has at most ${LOOK_LAYERS_MAX} layers, one per body area`)
  .superRefine((layers, ctx) => {
    const seen = new Set<string>();
    layers.forEach((layer, index) => {
      if (seen.has(layer.itemId)) ctx.addIssue({ code: 'custom', path: [index, 'itemId'], message: `${layer.itemId} is in the look twice` });
      seen.add(layer.itemId);
    });
  });

/** What a look stores: its layers' ids and intensities. */
export const lookIdsOf = (look: Look): LookLayerIds[] => look.map((l) => ({ itemId: l.item.id, attributeId: l.attributeId as AttributeId, intensity: l.intensity }));
