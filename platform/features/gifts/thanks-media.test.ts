import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReceivedGift, SentGift } from '@shared/protocol/gifts';
import { sampleVideo } from '../../test-support/fixtures';
import { LocalDiskStorage } from '../../kernel/storage/media-storage';
import { UploadsService } from '../uploads/service';
import { giftsWorld, type GiftsWorld, type Person } from './test-support';
import { ThanksMedia } from './thanks-media';

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
  expect(res.headers['accept-ranges']).toBe('bytes');
  // A <video> asks for ranges and seeks with them: one range → 206 with exactly those bytes; past the end → 416.
  const part = await fetchMedia(seen.thanks!.media!.url, w.ana, { range: 'bytes=100-1099' });
  expect(part.statusCode).toBe(206);
  expect(part.headers['content-range']).toBe(`bytes 100-1099/${clip.length}`);
  expect(part.rawPayload.equals(clip.subarray(100, 1100))).toBe(true);
  const tail = await fetchMedia(seen.thanks!.media!.url, w.ana, { range: 'bytes=-10' });
  expect(tail.rawPayload.equals(clip.subarray(clip.length - 10))).toBe(true);
  const past = await fetchMedia(seen.thanks!.media!.url, w.ana, { range: `bytes=${clip.length}-` });
  expect(past.statusCode).toBe(416);
  expect(past.headers['content-range']).toBe(`bytes */${clip.length}`);
  expect((await fetchMedia(seen.thanks!.media!.url, w.ben)).statusCode).toBe(404);
  expect((await fetchMedia(seen.thanks!.media!.url, w.ben, { range: 'bytes=0-9' })).statusCode).toBe(404);
}, 60_000);

test('a text-only thanks has no media: its URL answers 404', async () => {
  const gift = await w.sendOk(w.ana, 'bundle-of-flowers');
  const thanked = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Thanks!' });
  expect(thanked.json<ReceivedGift>().thanks!.media).toBeNull();
  expect((await fetchMedia(`/api/v1/gifts/${gift.id}/thanks-media`, w.ana)).statusCode).toBe(404);
}, 60_000);

test('a crash between writing the thanks and moving its file loses nothing: the first read moves the upload in', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'thanks-kept-'));
  try {
    const uploads = new UploadsService(path.join(w.p.dataDir, 'uploads'));
    const store = new ThanksMedia(uploads, null, new LocalDiskStorage(root));
    const upload = await w.p.upload(w.streamer.token, PNG);
    const media = await store.check(upload, w.streamer.id, 'gft_0123456789');
    expect(media).toEqual({ kind: 'picture', mimeType: 'image/png', key: `gft_0123456789/thanks-${upload}.png` });
    // The thanks row would be written now; the process dies before keep(). The upload is still there:
    expect(existsSync(uploads.fileOf(upload))).toBe(true);
    const opened = await store.open(media, upload);
    expect(opened?.size).toBe(PNG.length);
    expect((await buffer(opened!.read())).equals(PNG)).toBe(true);
    expect(existsSync(uploads.fileOf(upload))).toBe(false);
    expect(await uploads.hasRecord(upload)).toBe(false);
    expect(existsSync(path.join(root, 'gft_0123456789', `thanks-${upload}.png`))).toBe(true);
    // A second read finds the kept copy.
    expect((await store.open(media, upload))?.size).toBe(PNG.length);
    // A file not kept and no upload left: null (the route answers 404), never someone else's file.
    expect(await store.open({ ...media, key: 'gft_0123456789/thanks-upl_missing0000.png' }, null)).toBeNull();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 60_000);
