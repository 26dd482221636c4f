import { CatalogItem } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { transaction } from '../../kernel/db/transaction';

export class CatalogRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts or replaces each item, keeping the given order. */
  async upsertAll(items: readonly CatalogItem[], trx?: Executor): Promise<void> {
    await transaction(trx ?? this.db, async (t) => {
      let position = 0;
      for (const item of items) {
        const data = JSON.stringify(CatalogItem.parse(item));
        await t
          .insertInto('items')
          .values({ id: item.id, position: position++, data })
          .onConflict((oc) => oc.column('id').doUpdateSet({ data, position: position - 1 }))
          .execute();
      }
    });
  }

  async list(trx?: Executor): Promise<CatalogItem[]> {
    const rows = await (trx ?? this.db).selectFrom('items').select('data').orderBy('position').orderBy('id').execute();
    return rows.map((r) => CatalogItem.parse(JSON.parse(r.data)));
  }

  async byId(id: string, trx?: Executor): Promise<CatalogItem | null> {
    const row = await (trx ?? this.db).selectFrom('items').select('data').where('id', '=', id).executeTakeFirst();
    return row ? CatalogItem.parse(JSON.parse(row.data)) : null;
  }

  async byIds(ids: readonly string[], trx?: Executor): Promise<Map<string, CatalogItem>> {
    if (ids.length === 0) return new Map();
    const rows = await (trx ?? this.db)
      .selectFrom('items')
      .select('data')
      .where('id', 'in', [...new Set(ids)])
      .execute();
    const items = rows.map((r) => CatalogItem.parse(JSON.parse(r.data)));
    return new Map(items.map((i) => [i.id, i]));
  }
}
