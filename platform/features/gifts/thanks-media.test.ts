import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReceivedGift, SentGift } from '@shared/protocol/gifts';
import { sampleVideo } from '../../test-support/fixtures';
import { giftsWorld, type GiftsWorld, type Person } from './test-support';

let w: GiftsWorld;
beforeAll(async () => {
  w = await giftsWorld();
  await w.topUp(w.ana, 500);
}, 60_000);
afterAll(() => w.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f9e2a50000000049454e44ae426082', 'hex');
const DAY_MS = 24 * 60 * 60 * 1000;
const fetchMedia = (url: string, who: Person | null, headers: Record<string, string> = {}) =>
  w.p.app.inject({ method: 'GET', url, headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers } });

test('a thanks picture moves into permanent storage: the sender sees it by URL in the sending state, the streamer too, nobody else', async () => {
  const gift = await w.sendOk(w.ana, 'egg', { message: 'Breakfast!' });
  const upload = await w.p.upload(w.streamer.token, PNG);
  const thanked = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Yum', mediaUploadId: upload });
  expect(thanked.statusCode).toBe(200);
  const url = `/api/v1/gifts/${gift.id}/thanks-media`;
  expect(thanked.json<ReceivedGift>().thanks!.media).toEqual({ kind: 'picture', mimeType: 'image/png', url });

  const seen = (await w.call('GET', `/gifts/${gift.id}`, w.ana)).json<SentGift>();
  expect(seen.state).toBe('thanked');
  expect(seen.thanks).toMatchObject({ text: 'Yum', media: { kind: 'picture', mimeType: 'image/png', url } });
  // No storage key or file path leaks into the sender's view.
  expect(JSON.stringify(seen)).not.toMatch(/thanks-upl_|\.png/);

  for (const who of [w.ana, w.streamer]) {
    const res = await fetchMedia(url, who);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(res.rawPayload.equals(PNG)).toBe(true);
  }
  expect((await fetchMedia(url, w.ben)).statusCode).toBe(404);
  expect((await fetchMedia(url, null)).statusCode).toBe(401);
  expect((await fetchMedia(url, null, { authorization: 'Bearer not-a-token' })).statusCode).toBe(401);
  expect((await fetchMedia('/api/v1/gifts/not-a-gift/thanks-media', w.ana)).statusCode).toBe(400);

  // The upload is gone from the uploads folder (no expiry can take it) and lives in the thanks storage.
  expect(existsSync(path.join(w.p.dataDir, 'uploads', upload))).toBe(false);
  expect(readdirSync(path.join(w.p.dataDir, 'thanks-media', gift.id))).toEqual([`thanks-${upload}.png`]);
}, 60_000);

test('a thanks clip is served as video to the sender, and outlives the uploads’ 7-day expiry', async () => {
  const gift = await w.sendOk(w.ana, 'bread');
  const clip = sampleVideo().mp4;
  const upload = await w.p.upload(w.streamer.token, clip);
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { mediaUploadId: upload })).statusCode).toBe(200);
  const seen = (await w.call('GET', `/gifts/${gift.id}`, w.ana)).json<SentGift>();
  expect(seen.thanks!.media).toMatchObject({ kind: 'clip', mimeType: 'video/mp4' });
  w.p.clock.advance(8 * DAY_MS);
  await w.p.runJobs();
  const res = await fetchMedia(seen.thanks!.media!.url, w.ana);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('video/mp4');
  expect(res.rawPayload.equals(clip)).toBe(true);
  expect((await fetchMedia(seen.thanks!.media!.url, w.ben)).statusCode).toBe(404);
}, 60_000);

test('a text-only thanks has no media: its URL answers 404', async () => {
  const gift = await w.sendOk(w.ana, 'bundle-of-flowers');
  const thanked = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Thanks!' });
  expect(thanked.json<ReceivedGift>().thanks!.media).toBeNull();
  expect((await fetchMedia(`/api/v1/gifts/${gift.id}/thanks-media`, w.ana)).statusCode).toBe(404);
}, 60_000);
