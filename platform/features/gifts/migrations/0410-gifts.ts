import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The gift catalog (JSON per entry, validated with the protocol schema on the way in and out), sent
 * gifts, and the per-viewer per-room per-day count of free gifts (a conditional upsert is the limit,
 * so racing sends cannot pass it).
 */
export const migration0410Gifts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('gift_catalog')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('gifts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
      .addColumn('streamer_id', 'text', (c) => c.notNull())
      .addColumn('sender_id', 'text', (c) => c.notNull())
      .addColumn('sender_handle', 'text', (c) => c.notNull())
      .addColumn('sender_name', 'text', (c) => c.notNull())
      .addColumn('catalog_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('coin_price', 'bigint', (c) => c.notNull())
      .addColumn('diamond_value', 'bigint', (c) => c.notNull())
      .addColumn('item', 'text')
      .addColumn('code_prefix', 'text')
      .addColumn('message', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('sent', 'delivered', 'seen', 'unlocked', 'converted')`))
      .addColumn('hold_id', 'text')
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint')
      .addColumn('thanks', 'text')
      .addUniqueConstraint('gifts_sender_key', ['sender_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('gifts_by_streamer').on('gifts').columns(['streamer_id', 'sent_at']).execute();
    await db.schema.createIndex('gifts_by_room').on('gifts').columns(['room_id', 'sent_at']).execute();

    await db.schema
      .createTable('free_gift_counts')
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('sender_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('sent', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('free_gift_counts_pk', ['room_id', 'sender_id', 'day'])
      .execute();
  },
};
