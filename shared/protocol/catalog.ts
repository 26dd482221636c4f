import { z } from 'zod';
import { CatalogItem } from '../catalog/schema';

/*
 * The platform serves the studio's own catalog schema (shared/catalog), so an item posted from the
 * studio and an item a viewer opens cannot drift apart.
 */
export { BodyArea, Catalog, CatalogItem, CatalogItemId, Finish, ItemKind } from '../catalog/schema';

export const ItemList = z.object({ items: z.array(CatalogItem) });
export type ItemList = z.output<typeof ItemList>;
