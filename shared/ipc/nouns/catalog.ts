import { z } from 'zod';
import { CatalogItem, CatalogItemId } from '../../catalog/schema';
import { method, noun } from '../define';

/** The try-on catalog (lipsticks, eyeshadow, blush, hats, glasses), loaded into SQLite from resources/catalog. */
export const catalog = noun({
  methods: {
    list: method(z.undefined(), z.array(CatalogItem)),
    get: method(z.object({ id: CatalogItemId }), CatalogItem),
  },
});
