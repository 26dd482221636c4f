import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Video, type AnchorInput } from '@shared/protocol/videos';
import { facesDir, testOutput } from './support/paths';
import { CHROMIUM, CHROMIUM_ARGS, startHost } from './support/studio';
import { DESKTOP, PHONE, openViewer, postVideo, registerCreator, shoot, startPlatform, type PlatformProcess } from './viewer-kit';

/**
 * Issue 17 in the viewer app: an image post (a try-on photo, posted through the platform's routes)
 * in the feed and on its page — the picture with its anchors over it, no player controls, the
 * location line — and its multi-item anchor opening the try-on wearing every item; a video's
 * anchors shown only within their time range. Screenshots: test-output/viewer/posts-*.png.
 */
let platform: PlatformProcess;
let photo: Video;
let clip: Video;

/** A tus upload of `bytes` then POST /videos, as the studio's outbox does. */
async function postImage(origin: string, token: string, bytes: Buffer, body: Readonly<{ title: string; location: string; anchors: readonly AnchorInput[] }>): Promise<Video> {
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await fetch(`${origin}/api/v1/uploads`, { method: 'POST', headers: { ...auth, 'upload-length': String(bytes.length) } });
  if (created.status !== 201) throw new Error(`upload: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, origin).toString();
  const patched = await fetch(location, { method: 'PATCH', headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
  if (patched.status !== 204) throw new Error(`upload patch: ${patched.status} ${await patched.text()}`);
  const res = await fetch(`${origin}/api/v1/videos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, uploadId: location.split('/').at(-1), visibility: 'public', idempotencyKey: `viewer-posts-${Date.now()}` }),
  });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  return Video.parse(await res.json());
}

beforeAll(async () => {
  platform = await startPlatform();
  const token = await registerCreator(platform.origin, 'photo_creator', 'Pia Photo');
  photo = await postImage(platform.origin, token, readFileSync(path.join(facesDir, 'grace_hopper.jpg')), {
    title: 'Red lips and round frames',
    location: 'Café de Flore, Paris',
    anchors: [
      // Times sent for an image are ignored: the platform stores 0/0 (shown the whole time).
      {
        kind: 'tryon',
        role: 'target',
        itemId: 'velvet-rouge-lipstick',
        attributeId: 'brick',
        extraItemIds: ['round-frames'],
        label: 'This look',
        x: 0.72,
        y: 0.5,
        startMs: 0,
        endMs: 0,
        placement: 'near-item',
      },
      { kind: 'tryon', role: 'associated', itemId: 'knit-beanie', label: 'Knit beanie', x: 0.3, y: 0.12, startMs: 0, endMs: 0, placement: 'background' },
    ],
  });
  clip = await postVideo(platform.origin, token, 'Two anchors, one after the other', [
    { kind: 'tryon', role: 'target', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', label: 'Early lipstick', x: 0.6, y: 0.5, startMs: 0, endMs: 1500, placement: 'near-item' },
    { kind: 'tryon', role: 'associated', itemId: 'classic-fedora', label: 'Late fedora', x: 0.5, y: 0.15, startMs: 2500, endMs: 4000, placement: 'background' },
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

test('at 390×844: the image post in the feed and on its page; its look anchor opens the try-on wearing both items', async () => {
  expect(photo).toMatchObject({ mediaKind: 'image', durationMs: 0, location: 'Café de Flore, Paris' });
  const viewer = await openViewer(PHONE, platform.origin, '/');
  const { page } = viewer;
  try {
    const card = page.getByRole('article').filter({ hasText: photo.title });
    await card.getByText('Photo', { exact: true }).waitFor();
    await card.getByText('2 anchors').waitFor();
    await card.locator('img.cover').evaluate((img: HTMLImageElement) => img.decode());
    await shoot(page, 'posts-feed');

    await card.getByRole('link', { name: photo.title }).first().click();
    const picture = page.getByRole('img', { name: `Photo: ${photo.title}` });
    await picture.evaluate((img: HTMLImageElement) => img.decode());
    // A still: no <video>, no play or sound buttons; every anchor over the picture; the place under the title.
    expect(await page.locator('video').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Play|Pause|Unmute|Mute)$/ }).count()).toBe(0);
    const look = page.getByRole('button', { name: 'Try on This look with 1 more item' });
    await look.waitFor();
    await page.getByRole('button', { name: 'Try on Knit beanie' }).waitFor();
    await page.getByText('Café de Flore, Paris').waitFor();
    await page.getByRole('img', { name: 'Location' }).waitFor();
    await shoot(page, 'posts-image');

    await look.click();
    await page.getByRole('heading', { name: 'Try-on: Velvet Rouge Lipstick + Round Frames' }).waitFor();
    await page.getByText('Start your camera or choose a photo of your face.').waitFor({ timeout: 90_000 });
    const canvas = page.locator('canvas[aria-label="Try-on preview"]');
    await canvas.evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page.getByLabel('Photo from your device').setInputFiles(path.join(facesDir, 'grace_hopper.jpg'));
    await page
      .getByRole('status')
      .filter({ hasText: /^Face found$/ })
      .waitFor({ timeout: 60_000 });
    // Both items on the face at once: the lipstick in the anchor's shade, the frames in their first colour.
    await page.waitForFunction(
      () => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'velvet-rouge-lipstick/brick+round-frames/tortoise',
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByRole('button', { name: 'Velvet Rouge Lipstick' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Round Frames' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('radio', { name: 'Brick' }).getAttribute('aria-checked')).toBe('true');
    await shoot(page, 'posts-tryon-look');
    // The frames' chip shows their colours; a colour changes the frames and keeps the lipstick.
    await page.getByRole('button', { name: 'Round Frames' }).click();
    await page.getByRole('group', { name: 'Shades of Round Frames' }).waitFor();
    await page.getByRole('radio', { name: 'Gold' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'velvet-rouge-lipstick/brick+round-frames/gold', undefined, {
      timeout: 20_000,
    });
    expect(viewer.problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 1280×800: the image page laid out for a laptop, in Chinese too; a video shows each anchor only within its time range', async () => {
  const viewer = await openViewer(DESKTOP, platform.origin, `/v/${photo.id}`);
  const { page } = viewer;
  try {
    await page.getByRole('img', { name: `Photo: ${photo.title}` }).evaluate((img: HTMLImageElement) => img.decode());
    await page.getByRole('button', { name: 'Try on This look with 1 more item' }).waitFor();
    await shoot(page, 'posts-image');

    await page.goto(`${platform.origin}/v/${clip.id}`);
    const player = page.getByLabel('Video player');
    await player.evaluate((v: HTMLVideoElement) => new Promise((resolve) => (v.readyState >= 1 ? resolve(null) : v.addEventListener('loadedmetadata', resolve, { once: true }))));
    const seek = (seconds: number) =>
      player.evaluate(
        (v: HTMLVideoElement, s: number) =>
          new Promise((resolve) => {
            v.pause();
            v.addEventListener('timeupdate', resolve, { once: true });
            v.currentTime = s;
          }),
        seconds,
      );
    const early = page.locator('.stage').getByRole('button', { name: 'Try on Early lipstick' });
    const late = page.locator('.stage').getByRole('button', { name: 'Try on Late fedora' });
    await seek(0.5);
    await early.waitFor();
    expect(await late.count()).toBe(0);
    await seek(3);
    await late.waitFor();
    expect(await early.count()).toBe(0);
    // Both are listed beside the player with their ranges.
    await page.getByText('0:00–0:01').waitFor();
    await page.getByText('0:02–0:04').waitFor();
    await shoot(page, 'posts-video-range');
  } finally {
    await viewer.close();
  }
  // The same image page in Simplified Chinese, at a phone's size.
  const zh = await openViewer(PHONE, platform.origin, null);
  try {
    await zh.page.addInitScript(() => localStorage.setItem('anchor-viewer.language', 'zh-CN'));
    await zh.page.goto(`${platform.origin}/v/${photo.id}`);
    await zh.page.getByRole('img', { name: `图片：${photo.title}` }).evaluate((img: HTMLImageElement) => img.decode());
    await zh.page.getByRole('button', { name: '试戴 This look 及另外 1 件' }).waitFor();
    await shoot(zh.page, 'posts-image-zh-CN');
  } finally {
    await zh.close();
  }
});

test("the studio's Discover (browser-hosted, on this platform) shows the image post: the picture with its anchors, no player", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'viewer-posts-studio-'));
  const host = await startHost(dataDir, ['--platform-url', platform.origin]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const discover = new URL(host.url);
    discover.pathname = '/discover';
    await page.goto(discover.toString());
    const card = page.getByRole('button', { name: `Play ${photo.title} by Pia Photo` });
    await card.getByText('Photo', { exact: true }).waitFor({ timeout: 30_000 });
    await card.click();
    const picture = page.getByRole('img', { name: `Photo: ${photo.title}` });
    await picture.evaluate((img: HTMLImageElement) => img.decode());
    expect(await page.locator('.discover-player video').count()).toBe(0);
    // Both anchors over the picture (stored 0/0: shown the whole time).
    await page.getByRole('button', { name: 'Try on This look' }).waitFor();
    await page.getByRole('button', { name: 'Try on Knit beanie' }).waitFor();
    await page.screenshot({ path: testOutput('viewer', 'posts-studio-discover-image-1280x800.png') });
    // The look anchor opens the studio's Studio page wearing both of its items.
    await page.getByRole('button', { name: 'Try on This look' }).click();
    await page.waitForURL(/\/studio\?item=velvet-rouge-lipstick&attribute=brick&with=round-frames$/, { timeout: 20_000 });
    await page.getByText(/Trying Velvet Rouge Lipstick \+ Round Frames from @/).waitFor({ timeout: 20_000 });
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
