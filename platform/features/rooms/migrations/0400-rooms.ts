import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Live rooms and who is in them. At most one open room per streamer (a partial unique index). */
export const migration0400Rooms: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rooms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('streamer_id', 'text', (c) => c.notNull())
      .addColumn('streamer_handle', 'text', (c) => c.notNull())
      .addColumn('streamer_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'closed')`))
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .execute();
    await db.schema.createIndex('rooms_one_open_per_streamer').on('rooms').column('streamer_id').unique().where(sql.ref('state'), '=', 'open').execute();
    await db.schema.createIndex('rooms_by_streamer').on('rooms').columns(['streamer_id', 'opened_at']).execute();

    await db.schema
      .createTable('room_presence')
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
      .addColumn('viewer_key', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_presence_pk', ['room_id', 'viewer_key'])
      .execute();
  },
};
