import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One row per (anchor, viewer, hour) that has counted a trigger: the primary key makes "once per
 * viewer per anchor per hour" hold across nodes. Rows older than the current hour are pruned.
 */
export const migration0120AnchorTriggerMarks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('anchor_trigger_marks')
      .addColumn('anchor_id', 'text', (c) => c.notNull().references('anchors.id').onDelete('cascade'))
      .addColumn('viewer_key', 'text', (c) => c.notNull())
      .addColumn('hour', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('anchor_trigger_marks_pk', ['anchor_id', 'viewer_key', 'hour'])
      .execute();
    await db.schema.createIndex('anchor_trigger_marks_by_hour').on('anchor_trigger_marks').column('hour').execute();
  },
};
