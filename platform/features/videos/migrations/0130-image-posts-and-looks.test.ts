import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase } from '../../../kernel/db/database';
import { openTestDb, type TestDb } from '../../../test-support/database';
import { videosMigrations } from './index';

// Rows posted before migration 0130 read as they were: a video with no location, anchors linking one item.
let testDb: TestDb;
beforeAll(async () => {
  testDb = await openTestDb();
});
afterAll(() => testDb.close());

test('0130 keeps existing posts as videos without a location and existing anchors as one-item anchors', async () => {
  const db = testDb.db;
  await db.insertInto('users').values({ id: 'usr_old', handle: 'old_poster', display_name: 'Old', password_hash: 'x', created_at: 1 }).execute();
  await db
    .insertInto('videos')
    .values({
      id: 'vid_old',
      owner_id: 'usr_old',
      upload_id: 'upl_old',
      idempotency_key: 'k-old',
      title: 'Before',
      topic: null,
      visibility: 'public',
      duration_ms: 2000,
      width: 320,
      height: 240,
      mime_type: 'video/mp4',
      size_bytes: 10,
      cover_time_ms: 0,
      media_file: 'vid_old/video.mp4',
      cover_file: null,
      created_at: 1,
    })
    .execute();
  await db
    .insertInto('anchors')
    .values({
      id: 'anc_old',
      video_id: 'vid_old',
      position: 0,
      role: 'target',
      kind: 'tryon',
      item_id: 'velvet-rouge-lipstick',
      attribute_id: null,
      label: 'Old',
      x: 0.5,
      y: 0.5,
      start_ms: 0,
      end_ms: 2000,
      placement: 'manual',
    })
    .execute();

  const migrated = await openDatabase(testDb.target, videosMigrations);
  try {
    expect(await migrated.selectFrom('videos').select(['media_kind', 'location']).where('id', '=', 'vid_old').executeTakeFirstOrThrow()).toEqual({ media_kind: 'video', location: null });
    expect(await migrated.selectFrom('anchors').select('extra_item_ids').where('id', '=', 'anc_old').executeTakeFirstOrThrow()).toEqual({ extra_item_ids: '[]' });
    // The column only takes the two kinds.
    await expect(migrated.updateTable('videos').set({ media_kind: 'gif' }).where('id', '=', 'vid_old').execute()).rejects.toThrow(/CHECK|check constraint/);
  } finally {
    await migrated.destroy();
  }
});
