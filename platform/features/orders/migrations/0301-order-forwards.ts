import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Delivered videos forwarded through messages: each row grants its recipient the order's share
 * link without making it public, and remembers the requester's idempotency key (one row per key).
 */
export const migration0301OrderForwards: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('order_forwards')
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('note', 'text')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('order_forwards_pk', ['order_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('order_forwards_by_recipient').on('order_forwards').columns(['order_id', 'recipient_id']).execute();
  },
};
