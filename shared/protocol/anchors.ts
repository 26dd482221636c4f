import { z } from 'zod';
import { CatalogItem } from './catalog';
import { AnchorId } from './ids';
import { Anchor } from './videos';

export const AnchorParams = z.object({ id: AnchorId });

/** What a viewer's tap resolves to: enough to open the try-on with that item and shade. */
export const TriggerResponse = z.object({ anchor: Anchor, item: CatalogItem });
export type TriggerResponse = z.output<typeof TriggerResponse>;

export const HOT_ANCHORS_MAX = 50;

export const HotAnchorsQuery = z.object({ limit: z.coerce.number().int().min(1).max(HOT_ANCHORS_MAX).default(10) });

export const HotAnchors = z.object({ anchors: z.array(z.object({ anchor: Anchor, item: CatalogItem })) });
export type HotAnchors = z.output<typeof HotAnchors>;
