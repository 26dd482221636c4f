import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { videosMigrations } from './migrations/index';
import { openDatabase, type Db } from '../../kernel/db/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { testDialect } from '../../test-support/database';
import { FeedPages } from './feed-pages';
import type { PageFilter } from './feed-queries';
import { decodeCursor, encodeCursor, visibleTo, VideosRepository, type AnchorRow, type Cursor } from './repository';

let db: Db;
let dir: string | null = null;
let videos: VideosRepository;

beforeAll(async () => {
  if (testDialect() === 'postgres') {
    db = await openDatabase({ kind: 'postgres', url: await testDatabaseUrl() }, videosMigrations);
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'feed-pages-'));
    db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'platform.sqlite') }, videosMigrations);
  }
  videos = new VideosRepository(db);
  for (const handle of ['ana', 'ben'])
    await db
      .insertInto('users')
      .values({ id: `usr_${handle}`, handle, display_name: `${handle} "the" <tester> ✨`, password_hash: 'x', created_at: 1 })
      .execute();
  // Ties on created_at (keyset order falls back to the id), all three visibilities, 0–3 anchors.
  for (let i = 0; i < 13; i++)
    await insertVideo(i, { owner: i % 2 === 0 ? 'ben' : 'ana', visibility: (['public', 'followers', 'private'] as const)[i % 3]!, at: 1000 + Math.floor(i / 2), anchors: i % 4 });
});
afterAll(async () => {
  await db.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let anchorSeq = 0;
async function insertVideo(i: number, v: { owner: string; visibility: 'public' | 'followers' | 'private'; at: number; anchors: number }): Promise<string> {
  const id = `vid_page${String(i).padStart(4, '0')}`;
  const anchors: AnchorRow[] = Array.from({ length: v.anchors }, (_, position) => ({
    id: `anc_${String(++anchorSeq).padStart(4, '0')}`,
    video_id: id,
    position,
    role: position === 0 ? 'target' : 'associated',
    kind: 'tryon',
    item_id: 'velvet-rouge-lipstick',
    attribute_id: position === 1 ? null : 'classic-red',
    label: `Look ${position} "quoted" \\ ünïcode`,
    x: 0.25 * position,
    y: 0.5,
    start_ms: 0,
    end_ms: 1000,
    placement: 'near-item',
    extra_item_ids: JSON.stringify(position === 2 ? ['round-frames'] : []),
    trigger_count: 0,
  }));
  const inserted = await videos.insert(
    {
      id,
      owner_id: `usr_${v.owner}`,
      upload_id: `upl_${id}`,
      idempotency_key: `key_${id}`,
      title: `Title ${i} </script> "x"`,
      topic: i % 2 === 0 ? 'makeup' : null,
      visibility: v.visibility,
      media_kind: 'video',
      location: i % 5 === 0 ? 'Berlin' : null,
      duration_ms: 2000,
      width: 320,
      height: 240,
      mime_type: 'video/mp4',
      size_bytes: 1234,
      cover_time_ms: 500,
      media_file: `${id}/video.mp4`,
      cover_file: null,
      created_at: v.at,
    },
    anchors,
  );
  expect(inserted).toBe(true);
  return id;
}

/** The page as a plain read gives it: the rows in keyset order, hydrated, serialised whole. */
async function reference(filter: PageFilter, limit: number, after: Cursor | null): Promise<string> {
  let query = db
    .selectFrom('videos')
    .select(['id', 'created_at'])
    .where(
      filter.kind === 'publicBy' ? (eb) => eb.and([eb('owner_id', '=', filter.ownerId), eb('visibility', '=', 'public')]) : visibleTo({ userId: filter.kind === 'signedIn' ? filter.userId : null }),
    );
  if (after) query = query.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const records = new Map((await videos.recordsByIds(page.map((r) => r.id))).map((r) => [r.video.id as string, r.video]));
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: Number(last.created_at), id: last.id }) : null;
  return JSON.stringify({ videos: page.map((r) => records.get(r.id)), nextCursor });
}

/** Every page of `filter` at `limit`, following the cursors, compared with the plain read. */
async function walk(pages: FeedPages, filter: PageFilter, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: Cursor | null = null;
  for (let n = 0; n < 50; n++) {
    const text = await pages.page(filter, limit, after);
    expect(text).toBe(await reference(filter, limit, after));
    const page = JSON.parse(text) as { videos: { id: string }[]; nextCursor: string | null };
    seen.push(...page.videos.map((v) => v.id));
    if (page.nextCursor === null) return seen;
    after = decodeCursor(page.nextCursor);
  }
  throw new Error('no last page');
}

const filters: PageFilter[] = [{ kind: 'public' }, { kind: 'signedIn', userId: 'usr_ana' }, { kind: 'signedIn', userId: 'usr_ben' }, { kind: 'publicBy', ownerId: 'usr_ben' }];

describe('FeedPages', () => {
  test.each(filters)('every page of %o is, byte for byte, what serialising a plain read gives', async (filter) => {
    const pages = new FeedPages(videos);
    for (const limit of [1, 2, 5, 50]) {
      const ids = await walk(pages, filter, limit);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('the visibility rule: anonymous sees public only; a signed-in viewer also followers-only and their own private ones', async () => {
    const pages = new FeedPages(videos);
    const visibility = async (filter: PageFilter) => {
      const page = JSON.parse(await pages.page(filter, 50, null)) as { videos: { visibility: string; creator: { id: string } }[] };
      return new Set(page.videos.map((v) => `${v.visibility}:${v.creator.id}`));
    };
    expect(await visibility({ kind: 'public' })).toEqual(new Set(['public:usr_ana', 'public:usr_ben']));
    expect(await visibility({ kind: 'signedIn', userId: 'usr_ana' })).toEqual(new Set(['public:usr_ana', 'public:usr_ben', 'followers:usr_ana', 'followers:usr_ben', 'private:usr_ana']));
  });

  test('trigger counts and new videos show on the very next page, though the videos’ text is kept', async () => {
    const pages = new FeedPages(videos);
    const viewer: PageFilter = { kind: 'signedIn', userId: 'usr_ben' };
    await pages.page(viewer, 50, null);
    const kept = pages.size;
    expect(kept).toBeGreaterThan(0);

    const anchor = await db.selectFrom('anchors').select(['id', 'video_id']).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('anchors').set({ trigger_count: 41 }).where('id', '=', anchor.id).execute();
    const counted = JSON.parse(await pages.page(viewer, 50, null)) as { videos: { id: string; anchors: { id: string; triggerCount: number }[] }[] };
    expect(counted.videos.find((v) => v.id === anchor.video_id)!.anchors.find((a) => a.id === anchor.id)!.triggerCount).toBe(41);
    expect(pages.size).toBe(kept); // the count came from the page's own read, not a rebuilt video

    const fresh = await insertVideo(100, { owner: 'ana', visibility: 'followers', at: 5000, anchors: 2 });
    const text = await pages.page(viewer, 50, null);
    expect((JSON.parse(text) as { videos: { id: string }[] }).videos[0]!.id).toBe(fresh);
    expect(text).toBe(await reference(viewer, 50, null));
  });

  test('a table of fewer videos than a page still answers whole pages', async () => {
    const pages = new FeedPages(videos, { maxFragments: 2 });
    for (const filter of filters) await walk(pages, filter, 5);
    expect(pages.size).toBeLessThanOrEqual(2);
  });
});
