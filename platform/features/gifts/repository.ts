import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { CLAIMABLE, type GiftState } from '@shared/domain/gifts/sending-state';
import type { GiftItem } from '@shared/protocol/gifts';
import { toSafeInteger } from '../../kernel/db/numbers';
import { prepared } from '../../kernel/db/prepared';
import type { KeptThanksMedia } from './thanks-media';

/** The thanks as stored (JSON in `gifts.thanks`); `media` is absent on thanks written before media were kept. */
export interface StoredThanks {
  readonly text: string | null;
  readonly mediaUploadId: string | null;
  readonly at: number;
  readonly media?: KeptThanksMedia | null;
}

export interface GiftsTable {
  id: string;
  room_id: string;
  streamer_id: string;
  sender_id: string;
  sender_handle: string;
  sender_name: string;
  catalog_id: string;
  name: string;
  coin_price: number;
  diamond_value: number;
  item: string | null;
  code_prefix: string | null;
  message: string | null;
  state: GiftState;
  hold_id: string | null;
  idempotency_key: string;
  fingerprint: string;
  sent_at: number;
  claimed_at: number | null;
  thanks: string | null;
}

type GiftTables = { gifts: GiftsTable; free_gift_counts: { room_id: string; sender_id: string; day: string; sent: number } };
export type GiftsExecutor = Pick<Kysely<object>, 'isTransaction'>;
const giftsDb = (db: GiftsExecutor): Kysely<GiftTables> => db as unknown as Kysely<GiftTables>;

export interface GiftRecord {
  readonly id: string;
  readonly roomId: string;
  readonly streamerId: string;
  readonly sender: { readonly id: string; readonly handle: string; readonly displayName: string };
  readonly catalogId: string;
  readonly name: string;
  readonly coinPrice: number;
  readonly diamondValue: number;
  readonly item: GiftItem | null;
  readonly codePrefix: string | null;
  readonly message: string | null;
  readonly state: GiftState;
  readonly holdId: string | null;
  readonly idempotencyKey: string;
  readonly fingerprint: string;
  readonly sentAt: number;
  readonly claimedAt: number | null;
  readonly thanks: StoredThanks | null;
}

const toRecord = (r: GiftsTable): GiftRecord => ({
  id: r.id,
  roomId: r.room_id,
  streamerId: r.streamer_id,
  sender: { id: r.sender_id, handle: r.sender_handle, displayName: r.sender_name },
  catalogId: r.catalog_id,
  name: r.name,
  coinPrice: toSafeInteger(r.coin_price),
  diamondValue: toSafeInteger(r.diamond_value),
  item: r.item === null ? null : (JSON.parse(r.item) as GiftItem),
  codePrefix: r.code_prefix,
  message: r.message,
  state: r.state,
  holdId: r.hold_id,
  idempotencyKey: r.idempotency_key,
  fingerprint: r.fingerprint,
  sentAt: toSafeInteger(r.sent_at),
  claimedAt: r.claimed_at === null ? null : toSafeInteger(r.claimed_at),
  thanks: r.thanks === null ? null : (JSON.parse(r.thanks) as StoredThanks),
});

/**
 * The send path's statements, compiled once (kernel/db/prepared.ts): every gift runs them, and
 * building them through Kysely cost more CPU than SQLite took to run them. Same SQL as the builder's.
 */
const insertGift = prepared<GiftTables, GiftsTable>()((db, a) =>
  db.insertInto('gifts').values({
    id: a.id,
    room_id: a.room_id,
    streamer_id: a.streamer_id,
    sender_id: a.sender_id,
    sender_handle: a.sender_handle,
    sender_name: a.sender_name,
    catalog_id: a.catalog_id,
    name: a.name,
    coin_price: a.coin_price,
    diamond_value: a.diamond_value,
    item: a.item,
    code_prefix: a.code_prefix,
    message: a.message,
    state: a.state,
    hold_id: a.hold_id,
    idempotency_key: a.idempotency_key,
    fingerprint: a.fingerprint,
    sent_at: a.sent_at,
    claimed_at: null,
    thanks: null,
  }),
);
const giftByKey = prepared<GiftTables, { senderId: string; key: string }>()((db, a) => db.selectFrom('gifts').selectAll().where('sender_id', '=', a.senderId).where('idempotency_key', '=', a.key));

export const newGiftId = (): string => `gft_${randomBytes(10).toString('hex')}`;

/** Sent gifts and the free-gift counters. */
export class GiftsRepository {
  constructor(private readonly db: GiftsExecutor) {}

  async byId(id: string, trx?: GiftsExecutor): Promise<GiftRecord | null> {
    const row = await giftsDb(trx ?? this.db)
      .selectFrom('gifts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byKey(senderId: string, key: string, trx?: GiftsExecutor): Promise<GiftRecord | null> {
    const row = await giftByKey.executeTakeFirst(giftsDb(trx ?? this.db), { senderId, key });
    return row ? toRecord(row) : null;
  }

  /** Inserts a gift; the (sender, key) unique constraint refuses a second gift for one key. */
  async insert(trx: GiftsExecutor, g: GiftRecord): Promise<void> {
    await insertGift.execute(giftsDb(trx), {
      id: g.id,
      room_id: g.roomId,
      streamer_id: g.streamerId,
      sender_id: g.sender.id,
      sender_handle: g.sender.handle,
      sender_name: g.sender.displayName,
      catalog_id: g.catalogId,
      name: g.name,
      coin_price: g.coinPrice,
      diamond_value: g.diamondValue,
      item: g.item === null ? null : JSON.stringify(g.item),
      code_prefix: g.codePrefix,
      message: g.message,
      state: g.state,
      hold_id: g.holdId,
      idempotency_key: g.idempotencyKey,
      fingerprint: g.fingerprint,
      sent_at: g.sentAt,
      claimed_at: null,
      thanks: null,
    });
  }

  /**
   * Counts one free gift for (room, sender, day) unless `limit` are already counted: one upsert
   * whose update only applies below the limit, so racing sends cannot pass it. False → over the limit.
   */
  async countFree(trx: GiftsExecutor, roomId: string, senderId: string, day: string, limit: number): Promise<boolean> {
    const row = await giftsDb(trx)
      .insertInto('free_gift_counts')
      .values({ room_id: roomId, sender_id: senderId, day, sent: 1 })
      .onConflict((oc) =>
        oc
          .columns(['room_id', 'sender_id', 'day'])
          .doUpdateSet((eb) => ({ sent: eb('free_gift_counts.sent', '+', 1) }))
          .where('free_gift_counts.sent', '<', limit),
      )
      .returning('sent')
      .executeTakeFirst();
    return row !== undefined;
  }

  async freeSent(roomId: string, senderId: string, day: string): Promise<number> {
    const row = await giftsDb(this.db).selectFrom('free_gift_counts').select('sent').where('room_id', '=', roomId).where('sender_id', '=', senderId).where('day', '=', day).executeTakeFirst();
    return row ? Number(row.sent) : 0;
  }

  /** Moves a gift forward to `next` from any of `from`; returns the updated gift, or null when it was elsewhere. */
  async advance(trx: GiftsExecutor, id: string, from: readonly GiftState[], next: GiftState, claimedAt?: number): Promise<GiftRecord | null> {
    const row = await giftsDb(trx)
      .updateTable('gifts')
      .set({ state: next, ...(claimedAt === undefined ? {} : { claimed_at: claimedAt }) })
      .where('id', '=', id)
      .where('state', 'in', [...from])
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The claim gate: only one of unlock / convert / auto-convert finds the gift unclaimed. */
  claim(trx: GiftsExecutor, id: string, next: 'unlocked' | 'converted', at: number): Promise<GiftRecord | null> {
    return this.advance(trx, id, CLAIMABLE, next, at);
  }

  async setThanks(trx: GiftsExecutor, id: string, thanks: StoredThanks): Promise<GiftRecord | null> {
    const row = await giftsDb(trx)
      .updateTable('gifts')
      .set({ thanks: JSON.stringify(thanks) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async received(streamerId: string, limit: number): Promise<GiftRecord[]> {
    const rows = await giftsDb(this.db).selectFrom('gifts').selectAll().where('streamer_id', '=', streamerId).orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }
}
