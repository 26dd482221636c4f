import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VideoPage } from '@shared/protocol/index';
import { testDatabaseUrlFor, testDialect } from '../../test-support/database';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

const postgres = testDialect() === 'postgres';
let mp4: Buffer;
beforeAll(() => {
  mp4 = sampleVideo().mp4;
});

const page = async (p: TestPlatform, token: string): Promise<VideoPage> => {
  const res = await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<VideoPage>();
};
const ids = (p: VideoPage): string[] => p.videos.map((v) => v.id);
const countOn = (p: VideoPage, videoId: string): number | undefined => p.videos.find((v) => v.id === videoId)?.anchors[0]?.triggerCount;
const trigger = (p: TestPlatform, anchorId: string, token: string) => p.app.inject({ method: 'POST', url: `/api/v1/anchors/${anchorId}/trigger`, headers: { authorization: `Bearer ${token}` } });

/** Runs SQL on the platform's database without going through it (as an operator's hand edit would). */
async function behindTheBack(p: TestPlatform, databaseUrl: string | undefined, statement: string): Promise<void> {
  if (databaseUrl === undefined) {
    const sqlite = new Database(path.join(p.dataDir, 'platform.sqlite'));
    sqlite.exec(statement);
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(statement);
  await client.end();
}

describe('signed-in feed pages, kept per viewer', () => {
  let p: TestPlatform;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    databaseUrl = await testDatabaseUrlFor();
    p = await createTestPlatform({ databaseUrl });
  });
  afterAll(() => p.close());

  test('are served from the cache until a post or a trigger through the platform changes them, for every viewer', async () => {
    const creator = await p.register('vf_creator');
    const ana = await p.register('vf_ana');
    const ben = await p.register('vf_ben');
    const friends = await p.postVideo(creator.token, mp4, { title: 'friends only', visibility: 'followers' });
    const anchorId = friends.anchors[0]!.id;
    expect(countOn(await page(p, ana.token), friends.id)).toBe(0);
    expect(countOn(await page(p, ben.token), friends.id)).toBe(0);

    // A change the platform did not make is not seen: both pages are the cached ones.
    await behindTheBack(p, databaseUrl, `update anchors set trigger_count = 40 where id = '${anchorId}'`);
    expect(countOn(await page(p, ana.token), friends.id)).toBe(0);
    expect(countOn(await page(p, ben.token), friends.id)).toBe(0);

    // A trigger on a followers-only video (no public event) empties every viewer's pages at once.
    expect((await trigger(p, anchorId, ana.token)).statusCode).toBe(200);
    expect(countOn(await page(p, ana.token), friends.id)).toBe(41);
    expect(countOn(await page(p, ben.token), friends.id)).toBe(41);

    // A private post is on its owner's next page and never on anyone else's.
    p.clock.advance(1000);
    const secret = await p.postVideo(ben.token, mp4, { title: 'mine alone', visibility: 'private' });
    expect(ids(await page(p, ben.token))[0]).toBe(secret.id);
    expect(ids(await page(p, ana.token))).not.toContain(secret.id);
    // …and a trigger on it (its owner's) shows on the owner's page at once.
    expect((await trigger(p, secret.anchors[0]!.id, ben.token)).statusCode).toBe(200);
    expect(countOn(await page(p, ben.token), secret.id)).toBe(1);

    // A public post and a trigger on it are on both next pages.
    p.clock.advance(1000);
    const open = await p.postVideo(creator.token, mp4, { title: 'for all' });
    expect(ids(await page(p, ana.token))[0]).toBe(open.id);
    expect((await trigger(p, open.anchors[0]!.id, ben.token)).statusCode).toBe(200);
    expect(countOn(await page(p, ana.token), open.id)).toBe(1);
    expect(countOn(await page(p, ben.token), open.id)).toBe(1);
  });

  test('a signed-out token is refused even with its page cached', async () => {
    const viewer = await p.register('vf_leaver');
    await page(p, viewer.token);
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${viewer.token}` } })).statusCode).toBe(204);
    const refused = await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: { authorization: `Bearer ${viewer.token}` } });
    expect(refused.statusCode).toBe(401);
  });
});

/** Polls `read` until `accept` holds or `ms` pass; returns the last value read. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Two nodes share a database only on PostgreSQL (SQLite is one process's file).
describe.runIf(postgres)('signed-in feed pages on two nodes', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  beforeAll(async () => {
    const databaseUrl = await testDatabaseUrlFor();
    a = await createTestPlatform({ databaseUrl });
    b = await createTestPlatform({ databaseUrl });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  test("a node's cached pages follow posts and triggers made through the other node (through the log, no Redis)", async () => {
    const creator = await a.register('two_creator');
    const viewer = await a.register('two_viewer');
    const before = await page(b, viewer.token);
    expect(await page(b, viewer.token)).toEqual(before);

    const friends = await a.postVideo(creator.token, mp4, { title: 'friends only', visibility: 'followers' });
    const withPost = await eventually(
      () => page(b, viewer.token),
      (p) => ids(p).includes(friends.id),
    );
    expect(ids(withPost)).toContain(friends.id);

    expect((await trigger(a, friends.anchors[0]!.id, viewer.token)).statusCode).toBe(200);
    const counted = await eventually(
      () => page(b, viewer.token),
      (p) => countOn(p, friends.id) === 1,
    );
    expect(countOn(counted, friends.id)).toBe(1);

    const secret = await a.postVideo(viewer.token, mp4, { title: 'mine', visibility: 'private' });
    const own = await eventually(
      () => page(b, viewer.token),
      (p) => ids(p).includes(secret.id),
    );
    expect(ids(own)).toContain(secret.id);
    expect(ids(await page(b, creator.token))).not.toContain(secret.id);
  });
});
