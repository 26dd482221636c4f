import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Notifications, and per recipient an inbox row whose `unread` counter changes in the same
 * transaction as the notifications it counts: the upsert that adds one serialises notifies to one
 * user (row lock / single writer), so the count each event carries is exact.
 */
export const migration0210Notifications: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('notifications')
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_by_user').on('notifications').columns(['user_id', 'seq']).execute();

    await db.schema
      .createTable('notification_inboxes')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('unread', 'bigint', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('notification_inboxes_not_negative', sql`unread >= 0`)
      .execute();
  },
};
