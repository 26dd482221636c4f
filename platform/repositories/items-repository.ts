import { CatalogItem } from '../../shared/protocol/index';
import type { Db } from '../db/database';

export class ItemsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces each item, keeping the given order. */
  async upsertAll(items: readonly CatalogItem[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      let position = 0;
      for (const item of items) {
        const data = JSON.stringify(CatalogItem.parse(item));
        await trx
          .insertInto('items')
          .values({ id: item.id, position: position++, data })
          .onConflict((oc) => oc.column('id').doUpdateSet({ data, position: position - 1 }))
          .execute();
      }
    });
  }

  async list(): Promise<CatalogItem[]> {
    const rows = await this.db.selectFrom('items').select('data').orderBy('position').orderBy('id').execute();
    return rows.map((r) => CatalogItem.parse(JSON.parse(r.data)));
  }

  async byId(id: string): Promise<CatalogItem | null> {
    const row = await this.db.selectFrom('items').select('data').where('id', '=', id).executeTakeFirst();
    return row ? CatalogItem.parse(JSON.parse(row.data)) : null;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, CatalogItem>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('items').select('data').where('id', 'in', [...new Set(ids)]).execute();
    const items = rows.map((r) => CatalogItem.parse(JSON.parse(r.data)));
    return new Map(items.map((i) => [i.id, i]));
  }
}
