import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One row per room that has asked for a stream key: the key (a secret; rotating replaces it), whether
 * the media server is receiving the room's stream now, and under which name (the key it was
 * published with, which is also the media server's HLS folder for it).
 */
export const migration0440RoomStreams: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('room_streams')
      .addColumn('room_id', 'text', (c) => c.primaryKey().references('rooms.id'))
      .addColumn('stream_key', 'text', (c) => c.notNull().unique())
      .addColumn('key_created_at', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('offline', 'live')`))
      .addColumn('publishing_key', 'text')
      .addColumn('started_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .execute();
    await db.schema.createIndex('room_streams_by_publishing_key').on('room_streams').column('publishing_key').execute();
  },
};
