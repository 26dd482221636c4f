import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Issue 17: a post is a video or an image (`media_kind`, existing rows are videos), may say where it
 * was made (`location`), and an anchor may link several items (`extra_item_ids`, a JSON array of
 * catalog item ids; existing anchors link none). Defaults keep every existing row as it was.
 */
export const migration0130ImagePostsAndLooks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('videos')
      .addColumn('media_kind', 'text', (c) =>
        c
          .notNull()
          .defaultTo('video')
          .check(sql`media_kind in ('video', 'image')`),
      )
      .execute();
    await db.schema.alterTable('videos').addColumn('location', 'text').execute();
    await db.schema
      .alterTable('anchors')
      .addColumn('extra_item_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};
