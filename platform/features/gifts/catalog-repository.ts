import type { Kysely } from 'kysely';
import { checkGiftPrices } from '@shared/domain/gifts/economics';
import { GIFT_MEDIA_KINDS, giftMediaFile } from '@shared/domain/gifts/media';
import { checkSchedule } from '@shared/domain/gifts/windows';
import { CatalogGift } from '@shared/protocol/gifts';
import { prepared } from '../../kernel/db/prepared';

type CatalogTables = { gift_catalog: { id: string; position: number; data: string } };
export type CatalogExecutor = Pick<Kysely<object>, 'isTransaction'>;
const catalogDb = (db: CatalogExecutor): Kysely<CatalogTables> => db as unknown as Kysely<CatalogTables>;
/** Every send reads its entry: compiled once (kernel/db/prepared.ts). */
const entryById = prepared<CatalogTables, { id: string }>()((db, a) => db.selectFrom('gift_catalog').select('data').where('id', '=', a.id));

/** Refuses an entry the ledger or the menu could not honour; returns it parsed. */
export function checkCatalogGift(input: unknown): CatalogGift {
  const gift = CatalogGift.parse(input);
  const prices = checkGiftPrices(gift.coinPrice, gift.diamondValue);
  if (!prices.ok) throw new RangeError(`${gift.id}: ${prices.reason}`);
  for (const kind of GIFT_MEDIA_KINDS) {
    const reference = gift[kind];
    if (!giftMediaFile(reference, kind)) throw new RangeError(`${gift.id}: ${kind} "${reference}" is not a gifts/<name>.<${kind === 'sound' ? 'mp3|ogg' : 'svg|png|webp|gif'}> file`);
  }
  if (gift.schedule) {
    const schedule = checkSchedule(gift.schedule);
    if (!schedule.ok) throw new RangeError(`${gift.id}: ${schedule.reason}`);
  }
  if (gift.coinPrice > 0 && (gift.item === null || gift.codePrefix === null)) throw new RangeError(`${gift.id}: a paid gift stands for a real item with a code prefix`);
  if (gift.coinPrice === 0 && gift.item !== null) throw new RangeError(`${gift.id}: a free gift stands for no item`);
  return gift;
}

/** The gift catalog: entries as validated JSON, in menu order. */
export class GiftCatalogRepository {
  /**
   * Each entry as last parsed, with the JSON it came from: every send reads its entry, and parsing
   * the same text with zod again cost more than the read. The row is still read each time, so a
   * change by an operator (on any node) is seen at once; at most one per catalog entry.
   */
  private readonly parsed = new Map<string, { readonly data: string; readonly gift: CatalogGift }>();

  constructor(private readonly db: CatalogExecutor) {}

  /** Adds or replaces entries (the seed at start; an operator adding gifts). */
  async upsert(gifts: readonly CatalogGift[]): Promise<void> {
    const checked = gifts.map(checkCatalogGift);
    const db = catalogDb(this.db);
    const last = await db
      .selectFrom('gift_catalog')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    let position = Number(last?.p ?? 0);
    for (const gift of checked) {
      const existing = await db.selectFrom('gift_catalog').select('position').where('id', '=', gift.id).executeTakeFirst();
      await db
        .insertInto('gift_catalog')
        .values({ id: gift.id, position: existing ? Number(existing.position) : ++position, data: JSON.stringify(gift) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ data: JSON.stringify(gift) }))
        .execute();
    }
  }

  async all(): Promise<CatalogGift[]> {
    const rows = await catalogDb(this.db).selectFrom('gift_catalog').selectAll().orderBy('position').execute();
    return rows.map((r) => CatalogGift.parse(JSON.parse(r.data)));
  }

  async byId(id: string): Promise<CatalogGift | null> {
    const row = await entryById.executeTakeFirst(catalogDb(this.db), { id });
    if (!row) return null;
    const seen = this.parsed.get(id);
    if (seen?.data === row.data) return seen.gift;
    const gift = CatalogGift.parse(JSON.parse(row.data));
    this.parsed.set(id, { data: row.data, gift });
    return gift;
  }
}
