import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Video, VideoPage } from '@shared/protocol/index';
import { FEED_MAX_AGE_MS } from './feed-cache';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, targetAnchor, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
let token: string;
let mp4: Buffer;

beforeAll(async () => {
  p = await createTestPlatform();
  token = (await p.register('creator')).token;
  mp4 = sampleVideo().mp4;
});
afterAll(() => p.close());

const videoCount = async (): Promise<number> => (await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: { authorization: `Bearer ${token}` } })).json<VideoPage>().videos.length;

describe('POST /videos', () => {
  test('a finished upload becomes a video with its probed size, duration and anchors', async () => {
    const video = await p.postVideo(token, mp4, {
      title: '  Red for tonight ',
      topic: 'makeup',
      coverTimeMs: 500,
      anchors: [targetAnchor(), targetAnchor({ role: 'associated', itemId: 'round-frames', attributeId: 'gold', label: 'Round frames', x: 0.2, y: 0.1, placement: 'background' })],
    });
    expect(video).toMatchObject({ title: 'Red for tonight', topic: 'makeup', width: 320, height: 240, mimeType: 'video/mp4', sizeBytes: mp4.length, coverTimeMs: 500, creator: { handle: 'creator' } });
    expect(video.durationMs).toBeGreaterThanOrEqual(1900);
    expect(video.anchors.map((a) => [a.role, a.itemId, a.attributeId])).toEqual([
      ['target', 'velvet-rouge-lipstick', 'classic-red'],
      ['associated', 'round-frames', 'gold'],
    ]);
  });

  test('the same idempotency key makes exactly one video, however often it is retried', async () => {
    const before = await videoCount();
    const uploadId = await p.upload(token, mp4);
    const body = { uploadId, idempotencyKey: 'retry-me-please-1' };
    const responses = await Promise.all([p.post(token, body), p.post(token, body), p.post(token, body)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.json<Video>().id)).size).toBe(1);
    expect(await videoCount()).toBe(before + 1);
    const conflicting = await p.post(token, { uploadId: await p.upload(token, mp4), idempotencyKey: 'retry-me-please-1' });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json()).toMatchObject({ error: { code: 'idempotency_conflict' } });
  });

  test('an upload can become only one video', async () => {
    const uploadId = await p.upload(token, mp4);
    expect((await p.post(token, { uploadId })).statusCode).toBe(201);
    const again = await p.post(token, { uploadId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'upload_used' } });
  });

  test.each([
    ['x beyond the frame', { x: 1.2 }, 'validation_failed'],
    ['negative y', { y: -0.1 }, 'validation_failed'],
    ['end before start', { startMs: 900, endMs: 400 }, 'validation_failed'],
    ['start after the end of the video', { startMs: 5000, endMs: 6000 }, 'invalid_anchor'],
    ['end far after the end of the video', { startMs: 0, endMs: 60_000 }, 'invalid_anchor'],
    ['an item not in the catalog', { itemId: 'no-such-item' }, 'invalid_anchor'],
    ['an attribute the item lacks', { attributeId: 'gold' }, 'invalid_anchor'],
  ])('anchor with %s → 400 and no video', async (_name, anchor, code) => {
    const before = await videoCount();
    const uploadId = await p.upload(token, mp4);
    const res = await p.post(token, { uploadId, anchors: [targetAnchor(anchor)] });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(await videoCount()).toBe(before);
  });

  test('two target anchors → 400', async () => {
    const res = await p.post(token, { uploadId: await p.upload(token, mp4), anchors: [targetAnchor(), targetAnchor()] });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/at most one target/);
  });

  test('a wrongly shaped body names the fields that are wrong', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/videos', headers: { authorization: `Bearer ${token}` }, payload: { uploadId: 'nope', visibility: 'friends' } });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/body\.uploadId/);
    expect(error.message).toMatch(/body\.visibility/);
  });

  test('an unfinished (truncated) upload is refused before any video exists', async () => {
    const before = await videoCount();
    const uploadId = await p.upload(token, mp4, { sendBytes: Math.floor(mp4.length / 2) });
    const res = await p.post(token, { uploadId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'upload_incomplete', message: expect.stringMatching(/truncated/) } });
    expect(await videoCount()).toBe(before);
  });

  test('a complete upload of a non-video file is refused with 422 and leaves no media behind', async () => {
    const before = await videoCount();
    const text = Buffer.from('this is a shopping list, not a video\n'.repeat(200));
    const res = await p.post(token, { uploadId: await p.upload(token, text) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'not_a_video', message: expect.stringMatching(/not a complete, playable video/) } });
    expect(await videoCount()).toBe(before);
  });

  test('a complete upload of a cut-off MP4 (file truncated before upload) is refused with 422', async () => {
    const before = await videoCount();
    const mediaBefore = readdirSync(path.join(p.dataDir, 'media')).length;
    const cut = mp4.subarray(0, Math.floor(mp4.length * 0.6));
    const res = await p.post(token, { uploadId: await p.upload(token, cut) });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'not_a_video' } });
    expect(await videoCount()).toBe(before);
    expect(readdirSync(path.join(p.dataDir, 'media')).length).toBe(mediaBefore);
  });

  test('an unknown upload id → 404', async () => {
    const res = await p.post(token, { uploadId: 'upl_00000000000000000000' });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /videos', () => {
  test('newest first with a cursor that walks every video exactly once', async () => {
    const fresh = await createTestPlatform();
    try {
      const t = (await fresh.register('pager')).token;
      const posted: string[] = [];
      for (let i = 0; i < 5; i++) {
        posted.push((await fresh.postVideo(t, mp4, { title: `clip ${i}` })).id);
        if (i !== 2) fresh.clock.advance(1000); // two videos share a timestamp: the id breaks the tie
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/videos?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: VideoPage = (await fresh.app.inject({ method: 'GET', url })).json<VideoPage>();
        expect(page.videos.length).toBeLessThanOrEqual(2);
        seen.push(...page.videos.map((v) => v.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(5);
      expect(seen[0]).toBe(posted[4]);
      expect(seen.at(-1)).toBe(posted[0]);
      const bad = await fresh.app.inject({ method: 'GET', url: '/api/v1/videos?cursor=garbage' });
      expect(bad.statusCode).toBe(400);
      expect((await fresh.app.inject({ method: 'GET', url: '/api/v1/videos?limit=500' })).statusCode).toBe(400);
    } finally {
      await fresh.close();
    }
  });
});

describe('GET /videos from the anonymous feed cache', () => {
  const anonymous = async (url = '/api/v1/videos?limit=50') => {
    const res = await p.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.json<VideoPage>();
  };
  const ids = (page: VideoPage) => page.videos.map((v) => v.id);

  test('a new public video is on the very next anonymous read; a private or followers-only one never is', async () => {
    const before = await anonymous();
    expect(ids(await anonymous())).toEqual(ids(before)); // served from the cache
    p.clock.advance(1000); // newest first by time: make this one the newest
    const pub = await p.postVideo(token, mp4, { title: 'fresh public' });
    expect(ids(await anonymous())[0]).toBe(pub.id);
    expect(ids(await anonymous('/api/v1/videos?limit=1'))).toEqual([pub.id]);

    const priv = await p.postVideo(token, mp4, { title: 'secret', visibility: 'private' });
    const followers = await p.postVideo(token, mp4, { title: 'friends only', visibility: 'followers' });
    const after = ids(await anonymous());
    expect(after).not.toContain(priv.id);
    expect(after).not.toContain(followers.id);
    expect(after[0]).toBe(pub.id);
    // The owner's own (signed-in) page is never the cached one: it has both.
    const own = (await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: { authorization: `Bearer ${token}` } })).json<VideoPage>();
    expect(ids(own).slice(0, 3)).toEqual(expect.arrayContaining([followers.id, priv.id, pub.id]));
    // …and a signed-in read in between does not put a private video into the anonymous pages.
    expect(ids(await anonymous())).not.toContain(priv.id);
  });

  test(`trigger counts on cached pages are at most ${FEED_MAX_AGE_MS} ms old`, async () => {
    const video = await p.postVideo(token, mp4, { title: 'counted' });
    const countOf = async () => (await anonymous()).videos.find((v) => v.id === video.id)!.anchors[0]!.triggerCount;
    expect(await countOf()).toBe(0);
    const triggered = Date.now();
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${video.anchors[0]!.id}/trigger`, remoteAddress: '198.51.100.200' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, FEED_MAX_AGE_MS - (Date.now() - triggered)) + 20));
    expect(await countOf()).toBe(1);
  });

  test('a signed-in page shows a new post and a trigger at once, and a signed-out token is refused at once', async () => {
    const viewer = await p.register('feed_viewer');
    const signedIn = async (bearer = viewer.token) => p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: { authorization: `Bearer ${bearer}` } });
    const before = (await signedIn()).json<VideoPage>();
    p.clock.advance(1000);
    const posted = await p.postVideo(token, mp4, { title: 'for signed-in eyes', visibility: 'followers' });
    const after = (await signedIn()).json<VideoPage>();
    expect(ids(after)[0]).toBe(posted.id);
    expect(ids(after).slice(1)).toEqual(ids(before).slice(0, 49));
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${posted.anchors[0]!.id}/trigger`, headers: { authorization: `Bearer ${viewer.token}` } })).statusCode).toBe(200);
    expect((await signedIn()).json<VideoPage>().videos[0]!.anchors[0]!.triggerCount).toBe(1);

    expect((await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${viewer.token}` } })).statusCode).toBe(204);
    const refused = await signedIn();
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('the cached text is the same page the database gives a fresh read', async () => {
    const cached = await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=3' });
    const again = await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=3' });
    expect(again.body).toBe(cached.body);
    const page = cached.json<VideoPage>();
    expect(page.videos).toHaveLength(3);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await anonymous(`/api/v1/videos?limit=3&cursor=${page.nextCursor}`);
    expect(ids(next).some((id) => ids(page).includes(id))).toBe(false);
  });
});

describe('media', () => {
  let video: Video;
  beforeAll(async () => {
    video = await p.postVideo(token, mp4);
  });

  test('the whole file, byte for byte, with Accept-Ranges', async () => {
    const res = await p.app.inject({ method: 'GET', url: video.mediaUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.rawPayload.equals(mp4)).toBe(true);
  });

  test.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, -1],
    ['bytes=-500', -500, -1],
    ['bytes=10-999999999', 10, -1],
  ])('Range %s → 206 with exactly those bytes', async (range, from, to) => {
    const res = await p.app.inject({ method: 'GET', url: video.mediaUrl, headers: { range } });
    expect(res.statusCode).toBe(206);
    const start = from < 0 ? mp4.length + from : from;
    const end = to < 0 ? mp4.length - 1 : to;
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${mp4.length}`);
    expect(res.rawPayload.equals(mp4.subarray(start, end + 1))).toBe(true);
  });

  test('a range past the end → 416 with the size', async () => {
    const res = await p.app.inject({ method: 'GET', url: video.mediaUrl, headers: { range: `bytes=${mp4.length + 10}-` } });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${mp4.length}`);
    expect(res.json()).toMatchObject({ error: { code: 'range_not_satisfiable' } });
  });

  test('a media file gone from storage → 404 not_found, not a 500', async () => {
    const lost = await p.postVideo(token, mp4);
    rmSync(path.join(p.dataDir, 'media', lost.id, 'video.mp4'));
    const res = await p.app.inject({ method: 'GET', url: lost.mediaUrl });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  test('the cover is a JPEG', async () => {
    const res = await p.app.inject({ method: 'GET', url: video.coverUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});
