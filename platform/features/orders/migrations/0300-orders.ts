import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Custom video orders: each creator's service, the orders and their comments. Runs on SQLite and PostgreSQL alike. */
export const migration0300Orders: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('order_customizations')
      .addColumn('creator_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'published', 'exited')`))
      .addColumn('receiving', 'integer', (c) => c.notNull())
      // JSON of the domain's CustomizationContent: what the creator edits, and what viewers see.
      .addColumn('draft', 'text', (c) => c.notNull())
      .addColumn('published', 'text')
      .addColumn('published_at', 'bigint')
      // The published intro's media key (order-media storage), once its upload moved there.
      .addColumn('intro_key', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('creator_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending_acceptance', 'accepted', 'delivered', 'cancelled')`))
      .addColumn('price_coins', 'bigint', (c) => c.notNull().check(sql`price_coins > 0`))
      .addColumn('cut_bps', 'integer', (c) => c.notNull())
      .addColumn('hold_id', 'text', (c) => c.notNull().unique())
      .addColumn('info', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('accept_by', 'bigint')
      .addColumn('accepted_at', 'bigint')
      .addColumn('deliver_by', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('cancelled_at', 'bigint')
      .addColumn('cancel_kind', 'text')
      .addColumn('cancel_text', 'text')
      .addColumn('commented', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('upload_id', 'text')
      .addColumn('delivery_key', 'text')
      .addColumn('media_key', 'text')
      .addColumn('share_token', 'text', (c) => c.unique())
      .addColumn('share_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('orders_requester_key', ['requester_id', 'idempotency_key'])
      .addCheckConstraint('orders_cancel_reason', sql`(state = 'cancelled') = (cancel_kind is not null)`)
      .execute();
    await db.schema.createIndex('orders_by_requester').on('orders').columns(['requester_id', 'requested_at', 'id']).execute();
    await db.schema.createIndex('orders_by_creator').on('orders').columns(['creator_id', 'requested_at', 'id']).execute();
    await db.schema.createIndex('orders_open_by_creator').on('orders').columns(['creator_id', 'state']).execute();

    await db.schema
      .createTable('order_comments')
      .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id'))
      .addColumn('creator_id', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('stars', 'integer', (c) => c.check(sql`stars between 1 and 5`))
      .addColumn('text', 'text')
      .addColumn('anonymous', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('order_comments_not_empty', sql`stars is not null or text is not null`)
      .execute();
    await db.schema.createIndex('order_comments_by_creator').on('order_comments').columns(['creator_id', 'created_at']).execute();
  },
};
