import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AnchorSuggestions, TriggerResponse, Video, VideoPage } from '@shared/protocol/index';
import { locateMediaTools } from '../../kernel/media/tools';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, targetAnchor, type TestPlatform } from '../../test-support/harness';

// Issue 17 on the platform: image posts, anchors linking several items, time ranges, location,
// associated-only posts and associated-anchor suggestions (SQLite in `unit`, PostgreSQL in `platform-pg`).

let p: TestPlatform;
let token: string;
let mp4: Buffer;
const images: Record<'png' | 'jpg' | 'webp' | 'gif' | 'tiny', Buffer> = {} as never;

/** A real 600×800 picture of each type, made with the located ffmpeg (the platform decodes it for real). */
function makeImages(): void {
  const ffmpeg = locateMediaTools()?.ffmpeg;
  if (!ffmpeg) throw new Error('the platform tests need ffmpeg');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'image-posts-'));
  for (const ext of ['png', 'jpg', 'webp', 'gif'] as const) {
    const file = path.join(dir, `look.${ext}`);
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=600x800', '-frames:v', '1', file]);
    images[ext] = readFileSync(file);
  }
  const tiny = path.join(dir, 'tiny.png');
  execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=12x40', '-frames:v', '1', tiny]);
  images.tiny = readFileSync(tiny);
  rmSync(dir, { recursive: true, force: true });
}

beforeAll(async () => {
  makeImages();
  p = await createTestPlatform();
  token = (await p.register('poster')).token;
  mp4 = sampleVideo().mp4;
});
afterAll(() => p.close());

const auth = () => ({ authorization: `Bearer ${token}` });
const feed = async (): Promise<Video[]> => (await p.app.inject({ method: 'GET', url: '/api/v1/videos?limit=50', headers: auth() })).json<VideoPage>().videos;
const look = targetAnchor({ extraItemIds: ['round-frames', 'classic-fedora'], label: 'This look' });

describe('image posts', () => {
  test.each([
    ['png', 'image/png'],
    ['jpg', 'image/jpeg'],
    ['webp', 'image/webp'],
  ] as const)('a %s upload becomes an image post: no duration, its anchors shown the whole time, a JPEG cover, the picture as media', async (ext, mimeType) => {
    const video = await p.postVideo(token, images[ext], {
      anchors: [look, targetAnchor({ role: 'associated', itemId: 'knit-beanie', attributeId: undefined, label: 'Beanie', startMs: 300, endMs: 900 })],
    });
    expect(video).toMatchObject({ mediaKind: 'image', durationMs: 0, coverTimeMs: 0, width: 600, height: 800, mimeType, sizeBytes: images[ext].length, location: null });
    expect(video.anchors.map((a) => [a.itemId, a.startMs, a.endMs])).toEqual([
      ['velvet-rouge-lipstick', 0, 0],
      ['knit-beanie', 0, 0],
    ]);
    const media = await p.app.inject({ method: 'GET', url: video.mediaUrl });
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe(mimeType);
    expect(media.rawPayload.equals(images[ext])).toBe(true);
    const cover = await p.app.inject({ method: 'GET', url: video.coverUrl });
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/jpeg');
    expect([...cover.rawPayload.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // The feed lists it like any post.
    expect((await feed()).find((v) => v.id === video.id)?.mediaKind).toBe('image');
  });

  test.each([
    ['a GIF', () => images.gif, /GIF image; posts take JPEG, PNG or WebP/],
    ['a truncated PNG', () => images.png.subarray(0, 3000), /cannot be read whole|does not decode/],
    ['text named like a picture', () => Buffer.from('just some text, not a picture at all'), /not a complete, playable video/],
    ['a 12×40 px PNG (a side under 16 px)', () => images.tiny, /12×40 pixels; each side must be 16 to 8192/],
  ])('%s → 422 and no post', async (_name, bytes, message) => {
    const before = (await feed()).length;
    const res = await p.post(token, { uploadId: await p.upload(token, bytes()) });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'not_a_video' } });
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
    expect((await feed()).length).toBe(before);
  });

  test('a video post says it is a video', async () => {
    expect((await p.postVideo(token, mp4)).mediaKind).toBe('video');
  });
});

describe('anchors that link several items', () => {
  test('extra items are kept in order and a tap answers every item, its own first', async () => {
    const video = await p.postVideo(token, mp4, { anchors: [look] });
    expect(video.anchors[0]!.extraItemIds).toEqual(['round-frames', 'classic-fedora']);
    const tap = await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${video.anchors[0]!.id}/trigger` });
    const body = tap.json<TriggerResponse>();
    expect(body.item.id).toBe('velvet-rouge-lipstick');
    expect(body.items.map((i) => i.id)).toEqual(['velvet-rouge-lipstick', 'round-frames', 'classic-fedora']);
    // A one-item anchor answers its one item.
    const single = await p.postVideo(token, mp4);
    const one = (await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${single.anchors[0]!.id}/trigger` })).json<TriggerResponse>();
    expect(one.items.map((i) => i.id)).toEqual(['velvet-rouge-lipstick']);
    expect(single.anchors[0]!.extraItemIds).toEqual([]);
  });

  test.each([
    ['an unknown extra item', ['no-such-item'], 400, 'invalid_anchor', /extraItemIds\.0: no catalog item/],
    ['the same extra item twice', ['round-frames', 'round-frames'], 400, 'validation_failed', /each item once/],
    ['its own item again', ['velvet-rouge-lipstick'], 400, 'validation_failed', /do not repeat its own item/],
    ['five extra items', ['round-frames', 'square-frames', 'classic-fedora', 'knit-beanie', 'satin-stick'], 400, 'validation_failed', /at most 4 more items/],
  ])('%s → refused with the field named', async (_name, extraItemIds, status, code, message) => {
    const res = await p.post(token, { uploadId: await p.upload(token, mp4), anchors: [targetAnchor({ extraItemIds })] });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
  });
});

describe('time ranges, location, associated-only posts', () => {
  test('ranges are kept; 0/0 on a video means the whole video; an end a frame late is clamped', async () => {
    const video = await p.postVideo(token, mp4, {
      anchors: [
        targetAnchor({ startMs: 500, endMs: 1200 }),
        targetAnchor({ role: 'associated', itemId: 'knit-beanie', attributeId: undefined, label: 'Beanie', startMs: 0, endMs: 0 }),
        targetAnchor({ role: 'associated', itemId: 'round-frames', attributeId: undefined, label: 'Frames', startMs: 1000, endMs: 2100 }),
      ],
    });
    expect(video.anchors.map((a) => [a.startMs, a.endMs])).toEqual([
      [500, 1200],
      [0, video.durationMs],
      [1000, video.durationMs],
    ]);
  });

  test.each([
    ['an end past the video', { startMs: 0, endMs: 5000 }, 'invalid_anchor', /endMs: 5000 ms is after the end of the video/],
    ['a start at its end', { startMs: 2500, endMs: 2600 }, 'invalid_anchor', /startMs: 2500 ms is at or after the end/],
    ['an end before its start', { startMs: 800, endMs: 300 }, 'validation_failed', /ends after it starts/],
    ['an empty range that is not 0/0', { startMs: 700, endMs: 700 }, 'validation_failed', /ends after it starts/],
  ])('%s → 400 with the field named', async (_name, range, code, message) => {
    const res = await p.post(token, { uploadId: await p.upload(token, mp4), anchors: [targetAnchor(range)] });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: { code } });
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
  });

  test('a location is trimmed and kept; an empty or too long one → 400', async () => {
    const video = await p.postVideo(token, images.jpg, { location: '  Café de Flore, Paris ' });
    expect(video.location).toBe('Café de Flore, Paris');
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/videos/${video.id}` })).json<Video>().location).toBe('Café de Flore, Paris');
    for (const location of ['   ', 'x'.repeat(81)]) {
      const res = await p.post(token, { uploadId: await p.upload(token, mp4), location });
      expect(res.statusCode, location).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/location/i);
    }
  });

  test('a post may carry only associated anchors, or none', async () => {
    const associated = await p.postVideo(token, images.png, {
      anchors: [targetAnchor({ role: 'associated' }), targetAnchor({ role: 'associated', itemId: 'square-frames', attributeId: undefined, label: 'Frames' })],
    });
    expect(associated.anchors.map((a) => a.role)).toEqual(['associated', 'associated']);
    expect((await p.postVideo(token, mp4, { anchors: [] })).anchors).toEqual([]);
  });
});

describe('GET /anchors/suggestions', () => {
  const suggest = (query: string) => p.app.inject({ method: 'GET', url: `/api/v1/anchors/suggestions?${query}` });

  test('same body area and kind first, then the most triggered anchors’ items; no repeats, never the given item', async () => {
    // A hat anchor triggered most, then eyeshadow: those come after the other lipsticks.
    const { token: other } = await p.register('hot_maker');
    const hot = await p.postVideo(other, mp4, {
      anchors: [
        targetAnchor({ role: 'target', itemId: 'classic-fedora', attributeId: undefined, label: 'Fedora' }),
        targetAnchor({ role: 'associated', itemId: 'sunset-lids-eyeshadow', attributeId: 'champagne', label: 'Lids' }),
        targetAnchor({ role: 'associated', itemId: 'glass-gloss-lip', attributeId: undefined, label: 'Gloss' }),
      ],
    });
    const tap = (id: string, ip: string) => p.app.inject({ method: 'POST', url: `/api/v1/anchors/${id}/trigger`, remoteAddress: ip });
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) await tap(hot.anchors[0]!.id, ip);
    for (const ip of ['192.0.2.1', '192.0.2.2']) await tap(hot.anchors[1]!.id, ip);
    await tap(hot.anchors[2]!.id, '192.0.2.1');

    const res = await suggest('itemId=velvet-rouge-lipstick');
    expect(res.statusCode).toBe(200);
    const { suggestions } = res.json<AnchorSuggestions>();
    const picks = suggestions.map((s) => [s.item.id, s.source]);
    expect(picks.slice(0, 2)).toEqual([
      ['glass-gloss-lip', 'same-type'],
      ['satin-stick', 'same-type'],
    ]);
    // Hot items follow, most triggered first; the gloss is not repeated and the given lipstick never appears.
    expect(picks.slice(2, 4)).toEqual([
      ['classic-fedora', 'hot'],
      ['sunset-lids-eyeshadow', 'hot'],
    ]);
    expect(suggestions.find((s) => s.item.id === 'sunset-lids-eyeshadow')?.attributeId).toBe('champagne');
    expect(new Set(picks.map(([id]) => id)).size).toBe(picks.length);
    expect(picks.map(([id]) => id)).not.toContain('velvet-rouge-lipstick');

    // A hat's same-type offers are hats only (not the glasses also worn on the face/head).
    const hats = (await suggest('itemId=knit-beanie&limit=1')).json<AnchorSuggestions>().suggestions;
    expect(hats.map((s) => [s.item.id, s.source])).toEqual([['classic-fedora', 'same-type']]);
  });

  test('an unknown item → 404; a bad limit → 400', async () => {
    expect((await suggest('itemId=no-such-item')).statusCode).toBe(404);
    expect((await suggest('itemId=velvet-rouge-lipstick&limit=0')).statusCode).toBe(400);
    expect((await suggest('limit=3')).statusCode).toBe(400);
  });
});
