import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Written with Kysely's schema builder (no SQLite-only SQL) so the same migration runs on
 * PostgreSQL when the platform outgrows an embedded file.
 */
export const migration0001Initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('handle', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('videos')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('upload_id', 'text', (c) => c.notNull().unique())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('topic', 'text')
      .addColumn('visibility', 'text', (c) => c.notNull().check(sqlIn('visibility', ['public', 'followers', 'private'])))
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('mime_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'bigint', (c) => c.notNull())
      .addColumn('cover_time_ms', 'integer', (c) => c.notNull())
      .addColumn('media_file', 'text', (c) => c.notNull())
      .addColumn('cover_file', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('videos_owner_idempotency', ['owner_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('videos_by_created').on('videos').columns(['created_at desc', 'id desc']).execute();

    await db.schema
      .createTable('anchors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('attribute_id', 'text')
      .addColumn('label', 'text', (c) => c.notNull())
      // double precision, not real: PostgreSQL's real is 4 bytes (0.6 → 0.60000002); SQLite stores either as 8.
      .addColumn('x', 'double precision', (c) => c.notNull())
      .addColumn('y', 'double precision', (c) => c.notNull())
      .addColumn('start_ms', 'integer', (c) => c.notNull())
      .addColumn('end_ms', 'integer', (c) => c.notNull())
      .addColumn('placement', 'text', (c) => c.notNull())
      .addColumn('trigger_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('anchors_by_video').on('anchors').columns(['video_id', 'position']).execute();
    await db.schema.createIndex('anchors_by_triggers').on('anchors').column('trigger_count').execute();
  },
};

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
