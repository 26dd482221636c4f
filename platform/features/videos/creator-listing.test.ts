import { afterAll, beforeAll, expect, test } from 'vitest';
import type { VideoPage } from '@shared/protocol/index';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

/** `GET /videos?creator=<handle>`: a profile's grid, one creator's public videos, paged like the feed. */
let p: TestPlatform;
let ana: string;
let ben: string;

beforeAll(async () => {
  p = await createTestPlatform();
  ana = (await p.register('grid_ana')).token;
  ben = (await p.register('grid_ben')).token;
  const mp4 = sampleVideo().mp4;
  // Three public videos by Ana, one each of her other visibilities, and Ben's in between.
  for (const [token, title, visibility] of [
    [ana, 'ana 1', 'public'],
    [ben, 'ben 1', 'public'],
    [ana, 'ana private', 'private'],
    [ana, 'ana 2', 'public'],
    [ana, 'ana followers', 'followers'],
    [ana, 'ana 3', 'public'],
  ] as const) {
    p.clock.advance(1000);
    await p.postVideo(token, mp4, { title, visibility });
  }
  // Each post probes its file and makes a cover with ffmpeg: seconds on a busy 2-core machine.
}, 60_000);
afterAll(() => p.close());

const get = (url: string, token?: string) => p.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
const titles = (page: VideoPage) => page.videos.map((v) => v.title);

test('one creator’s public videos, newest first, across keyset pages', async () => {
  const first = await get('/videos?creator=grid_ana&limit=2');
  expect(first.statusCode).toBe(200);
  const one = first.json<VideoPage>();
  expect(titles(one)).toEqual(['ana 3', 'ana 2']);
  const two = (await get(`/videos?creator=grid_ana&limit=2&cursor=${one.nextCursor!}`)).json<VideoPage>();
  expect(titles(two)).toEqual(['ana 1']);
  expect(two.nextCursor).toBeNull();
  expect(new Set([...one.videos, ...two.videos].map((v) => v.creator.handle))).toEqual(new Set(['grid_ana']));
  // The handle is read as the platform reads handles (any case).
  expect(titles((await get('/videos?creator=GRID_BEN')).json<VideoPage>())).toEqual(['ben 1']);
});

test('public only, whoever asks — the creator herself included (her own grid is what others see)', async () => {
  for (const token of [undefined, ben, ana]) {
    const page = (await get('/videos?creator=grid_ana&limit=50', token)).json<VideoPage>();
    expect(titles(page)).toEqual(['ana 3', 'ana 2', 'ana 1']);
    expect(page.videos.every((v) => v.visibility === 'public')).toBe(true);
  }
  // …while her signed-in feed still has her private and followers-only videos.
  const feed = (await get('/videos?limit=50', ana)).json<VideoPage>();
  expect(titles(feed)).toEqual(expect.arrayContaining(['ana private', 'ana followers']));
});

test('a new public video is on the creator’s first page at once (no stale cached page)', async () => {
  expect(titles((await get('/videos?creator=grid_ben')).json<VideoPage>())).toEqual(['ben 1']);
  p.clock.advance(1000);
  await p.postVideo(ben, sampleVideo().mp4, { title: 'ben 2' });
  expect(titles((await get('/videos?creator=grid_ben')).json<VideoPage>())).toEqual(['ben 2', 'ben 1']);
});

test('a malformed handle is a 400 at the field; an unknown creator a 404; a foreign cursor a 400', async () => {
  const bad = await get('/videos?creator=no%20spaces!');
  expect(bad.statusCode).toBe(400);
  expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('creator') });
  const unknown = await get('/videos?creator=nobody_here');
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found');
  expect((await get('/videos?creator=grid_ana&cursor=not-a-cursor')).statusCode).toBe(400);
  // A user with no videos has an empty grid, not an error.
  await p.register('grid_empty');
  expect((await get('/videos?creator=grid_empty')).json<VideoPage>()).toEqual({ videos: [], nextCursor: null });
});
