import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GIFT_MEDIA_KINDS } from '@shared/domain/gifts/media';
import { createTestPlatform, GIFT_MEDIA_DIR } from '../../test-support/harness';
import { checkCatalogGift } from './catalog-repository';
import { GIFT_CATALOG_SEED } from './catalog-seed';
import { GIFT_MEDIA_MAX_AGE_S } from './media-routes';
import { giftsWorld, type GiftsWorld } from './test-support';

let w: GiftsWorld;
beforeAll(async () => {
  w = await giftsWorld();
}, 60_000);
afterAll(() => w.close());

const get = (url: string, headers: Record<string, string> = {}) => w.p.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
const TYPES = { image: 'image/svg+xml', animation: 'image/svg+xml', sound: 'audio/mpeg' } as const;

describe('gift media', () => {
  test('every seeded gift has its picture, animation and sound, served publicly with the right type, its bytes and a week of cache', async () => {
    expect(GIFT_CATALOG_SEED).toHaveLength(11);
    for (const gift of GIFT_CATALOG_SEED) {
      for (const kind of GIFT_MEDIA_KINDS) {
        const res = await get(`/gift-media/${gift.id}/${kind}`);
        expect(res.statusCode, `${gift.id} ${kind}`).toBe(200);
        expect(res.headers['content-type']).toBe(TYPES[kind]);
        expect(res.headers['cache-control']).toBe(`public, max-age=${GIFT_MEDIA_MAX_AGE_S}`);
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.rawPayload.equals(readFileSync(path.join(GIFT_MEDIA_DIR, gift[kind].slice('gifts/'.length))))).toBe(true);
      }
    }
    expect(GIFT_MEDIA_MAX_AGE_S).toBeGreaterThanOrEqual(24 * 60 * 60);
  });

  test('files are what they say: SVG pictures, an animated SVG, an MP3', async () => {
    const picture = (await get('/gift-media/egg/image')).body;
    expect(picture).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(picture).not.toMatch(/<script|href=|url\(/i);
    const animation = (await get('/gift-media/bundle-of-flowers/animation')).body;
    expect(animation).toMatch(/@keyframes/);
    const sound = (await get('/gift-media/heart/sound')).rawPayload;
    // An MPEG audio frame sync (no ID3 tag: the generator strips metadata).
    expect(sound[0]).toBe(0xff);
    expect(sound[1]! & 0xe0).toBe(0xe0);
  });

  test('an SVG opened on its own may run nothing; a known ETag answers 304', async () => {
    const first = await get('/gift-media/heart/image');
    expect(first.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get('/gift-media/heart/sound')).headers['content-security-policy']).toBeUndefined();
    const again = await get('/gift-media/heart/image', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  test('unknown gifts and kinds, and anything that tries to leave the folder, are refused', async () => {
    expect((await get('/gift-media/no-such-gift/image')).statusCode).toBe(404);
    expect((await get('/gift-media/egg/script')).statusCode).toBe(400);
    for (const url of [
      '/gift-media/..%2F..%2Fpackage.json/image',
      '/gift-media/egg/..%2F..%2Fpackage.json',
      '/gift-media/%2E%2E/image',
      '/gift-media/egg.svg/image',
      '/gift-media/EGG/image',
      '/gift-media/egg',
    ]) {
      const res = await get(url);
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('"name"');
    }
  });

  test('the catalog refuses entries whose media names could leave the folder or have the wrong type', () => {
    const egg = GIFT_CATALOG_SEED[0]!;
    expect(checkCatalogGift(egg).image).toBe('gifts/egg.svg');
    expect(() => checkCatalogGift({ ...egg, image: 'gifts/../../package.json' })).toThrow(/image/);
    expect(() => checkCatalogGift({ ...egg, animation: 'gifts/egg.json' })).toThrow(/animation/);
    expect(() => checkCatalogGift({ ...egg, sound: 'gifts/egg.svg' })).toThrow(/sound/);
  });
});

test('a gift whose file is missing from the folder answers 404, the others still serve', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gift-media-'));
  copyFileSync(path.join(GIFT_MEDIA_DIR, 'egg.svg'), path.join(dir, 'egg.svg'));
  const p = await createTestPlatform({ giftMediaDir: dir });
  try {
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/gift-media/egg/image' })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/gift-media/heart/image' })).statusCode).toBe(404);
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
