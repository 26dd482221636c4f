import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Feeding boards per (room | streamer, month, viewer), each viewer's lifetime feeding value (their
 * level), and streamers' popularity points per UTC day (decayed at read time). All are counters
 * bumped by an upsert in the gift's own transaction; nothing is ever deleted.
 */
export const migration0420Leaderboards: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('feeding_boards')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('viewer_id', 'text', (c) => c.notNull())
      .addColumn('viewer_handle', 'text', (c) => c.notNull())
      .addColumn('viewer_name', 'text', (c) => c.notNull())
      .addColumn('feeding_value', 'bigint', (c) => c.notNull())
      .addColumn('gift_count', 'bigint', (c) => c.notNull())
      .addColumn('total_value', 'bigint', (c) => c.notNull())
      .addColumn('first_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('feeding_boards_pk', ['scope', 'scope_id', 'period', 'viewer_id'])
      .execute();
    await db.schema.createIndex('feeding_boards_rank').on('feeding_boards').columns(['scope', 'scope_id', 'period', 'feeding_value']).execute();

    await db.schema
      .createTable('viewer_feeding')
      .addColumn('viewer_id', 'text', (c) => c.primaryKey())
      .addColumn('lifetime', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('popularity_days')
      .addColumn('streamer_id', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('streamer_handle', 'text', (c) => c.notNull())
      .addColumn('streamer_name', 'text', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('popularity_days_pk', ['streamer_id', 'day'])
      .execute();
    await db.schema.createIndex('popularity_days_by_day').on('popularity_days').column('day').execute();
    await db.schema.createIndex('popularity_days_by_period').on('popularity_days').column('period').execute();
  },
};
