import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Video } from '@shared/protocol/videos';
import { difference, expand, grab, parseBox } from './tryon-kit';
import { facesDir, testOutput } from './support/paths';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { DESKTOP, PHONE, measureFeed, openViewer, postVideo, registerCreator, shoot, startPlatform, type PlatformProcess } from './viewer-kit';

/**
 * The viewer web app served by the platform (`npm run platform`'s server, built app at `/`), in
 * Chromium at a phone's 390×844 and a laptop's 1280×800: sign up, open a video, tap its
 * anchor, try the item on a face photo. Screenshots of every page: test-output/viewer/.
 */
let platform: PlatformProcess;
let video: Video;

beforeAll(async () => {
  platform = await startPlatform();
  const token = await registerCreator(platform.origin, 'cam_creator', 'Cam Creator');
  video = await postVideo(platform.origin, token, 'Velvet rouge, five ways', [
    { kind: 'tryon', role: 'target', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', label: 'Velvet Rouge', x: 0.5, y: 0.55, startMs: 0, endMs: 4000, placement: 'near-item' },
    { kind: 'tryon', role: 'associated', itemId: 'round-frames', attributeId: 'gold', label: 'Round frames', x: 0.3, y: 0.3, startMs: 0, endMs: 4000, placement: 'manual' },
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

test('at 390×844: sign up (field errors first), open a video, tap its anchor, try the lipstick on a face photo', async () => {
  const viewer = await openViewer(PHONE, platform.origin, '/signup');
  const { page } = viewer;
  try {
    // Field errors as sentences at their fields, before anything is sent.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use 3 to 30 letters, digits or underscores.').waitFor();
    await page.getByText('A password has at least 8 characters.').waitFor();
    await page.getByText('Enter the name people will see.').waitFor();
    expect(await page.getByLabel('Handle').getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'signup-errors');
    // A taken handle is refused by the platform and said at the handle field.
    await page.getByLabel('Handle').fill('cam_creator');
    await page.getByLabel('Display name').fill('Vi Viewer');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This handle is taken. Try another one.').waitFor();
    await page.getByLabel('Handle').fill('vi_viewer');
    await page.getByRole('button', { name: 'Create account' }).click();

    // The feed: newest first, the card with its title, creator and anchor count.
    await page.getByRole('heading', { name: 'Newest videos' }).waitFor();
    const card = page.getByRole('article').filter({ hasText: video.title });
    await card.getByText('2 anchors').waitFor();
    await card.getByText('@cam_creator').waitFor();
    await page
      .locator('img.cover')
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());
    await shoot(page, 'feed');

    // The video page: player, anchors on the frame with the target in bold, the creator line.
    await page.getByRole('link', { name: video.title }).first().click();
    await page.getByRole('heading', { name: video.title }).waitFor();
    const target = page.locator('.stage .anchor-chip.target');
    await target.waitFor();
    expect(await target.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('800');
    expect(await page.locator('.stage .anchor-chip:not(.target)').evaluate((el) => getComputedStyle(el).fontWeight)).toBe('400');
    await page.getByRole('link', { name: /Cam Creator · @cam_creator/ }).waitFor();
    // Muted autoplay, tap to pause, unmute.
    const player = page.getByLabel('Video player');
    await page.waitForFunction(() => !document.querySelector<HTMLVideoElement>('video.player')!.paused);
    expect(await player.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    await shoot(page, 'video');
    await player.click({ position: { x: 40, y: 40 } });
    await page.waitForFunction(() => document.querySelector<HTMLVideoElement>('video.player')!.paused);
    await page.getByRole('button', { name: 'Unmute' }).click();
    expect(await player.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);

    // Tap the target anchor: the trigger is counted and the try-on opens wearing its item.
    await target.click();
    await page.getByRole('heading', { name: /Try-on: Velvet Rouge/ }).waitFor();
    const counted = (await (await fetch(`${platform.origin}/api/v1/videos/${video.id}`)).json()) as Video;
    expect(counted.anchors.find((x) => x.role === 'target')!.triggerCount).toBe(1);
    await page.getByText('Start your camera or choose a photo of your face.').waitFor({ timeout: 90_000 });
    const canvas = page.locator('canvas[aria-label="Try-on preview"]');
    await canvas.evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page.getByLabel('Photo from your device').setInputFiles(path.join(facesDir, 'grace_hopper.jpg'));
    await page
      .getByRole('status')
      .filter({ hasText: /^Face found$/ })
      .waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'velvet-rouge-lipstick/classic-red', undefined, {
      timeout: 20_000,
    });
    expect(await page.getByRole('radio', { name: 'Classic Red' }).getAttribute('aria-checked')).toBe('true');
    const red = await grab(page);
    await shoot(page, 'tryon');
    // Another shade: the lips change, the rest of the face does not.
    await page.getByRole('radio', { name: 'Berry' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'velvet-rouge-lipstick/berry', undefined, { timeout: 20_000 });
    const berry = await grab(page);
    const lips = expand(parseBox(red.debug.lips), 0.15, 3);
    const changed = difference(red.frame, berry.frame, lips);
    expect(changed.changedInside).toBeGreaterThan(300);
    expect(changed.changedOutside).toBeLessThan(changed.changedInside / 10);
    // Take photo: the composited frame downloads as a PNG named after the item and shade.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Take photo' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^velvet-rouge-lipstick-berry-\d{8}T\d{6}\.png$/);
    const png = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await page
      .getByRole('status')
      .filter({ hasText: /^Photo saved as velvet-rouge-lipstick-berry-/ })
      .waitFor();
    // Before/after: half the frame without the look.
    await page.getByLabel('Before / after').check();
    await shoot(page, 'tryon-before-after');

    await page.getByRole('link', { name: /Back to the video/ }).click();
    await page.getByRole('heading', { name: video.title }).waitFor();
    expect(viewer.problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 1280×800: the same pages laid out for a laptop', async () => {
  const viewer = await openViewer(DESKTOP, platform.origin, null);
  const { page } = viewer;
  try {
    // The feed, cold (fresh profile): when it was interactive, and what it downloaded. Timings on a
    // shared 2-core machine under other test runs are noisy: recorded, and bounded loosely.
    const timing = await measureFeed(page, platform.origin);
    writeFileSync(testOutput('viewer', 'feed-timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
    expect(timing.interactiveMs).toBeLessThan(15_000);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /TryOnPage|tracker\.worker|\.wasm|facemesh/.test(r.name)))).toBe(false);
    await page.goto(`${platform.origin}/signin`);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('Use 3 to 30 letters, digits or underscores.').waitFor();
    await page.getByLabel('Handle').fill('vi_viewer');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('Wrong handle or password.').waitFor();
    await shoot(page, 'signin-errors');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { name: 'Newest videos' }).waitFor();
    await page
      .locator('img.cover')
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());
    await shoot(page, 'feed');
    await page.goto(`${platform.origin}/v/${video.id}`);
    await page.locator('.stage .anchor-chip.target').waitFor();
    await shoot(page, 'video');
    // The engine loads when the try-on opens, not while watching.
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /TryOnPage|tracker\.worker/.test(r.name)))).toBe(false);
    await page.goto(`${platform.origin}/v/${video.id}/try/${video.anchors.find((a) => a.role === 'associated')!.id}`);
    await page.getByText('Start your camera or choose a photo of your face.').waitFor({ timeout: 90_000 });
    await page.locator('canvas[aria-label="Try-on preview"]').evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    // This browser has no camera (headless Chromium answers NotFound or NotAllowed): the page says so and points to a photo.
    await page.getByRole('button', { name: 'Use my camera' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^(No camera was found\. Use a photo instead\.|The camera is blocked\. .* or use a photo instead\.)$/ })
      .waitFor();
    await page.getByLabel('Photo from your device').setInputFiles(path.join(facesDir, 'grace_hopper.jpg'));
    await page
      .getByRole('status')
      .filter({ hasText: /^Face found$/ })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'round-frames/gold', undefined, { timeout: 30_000 });
    await shoot(page, 'tryon');
    await page.goto(`${platform.origin}/no/such/page`);
    await page.getByText('There is nothing at this address.').waitFor();
    expect(viewer.problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 390×844 with a camera: the try-on runs live on the webcam, wearing the anchor’s item', async () => {
  const anchor = video.anchors.find((a) => a.role === 'target')!;
  const viewer = await openViewer(PHONE, platform.origin, `/v/${video.id}/try/${anchor.id}`, fakeWebcamArgs(fakeWebcamFile('grace_hopper.jpg')));
  const { page } = viewer;
  try {
    // The camera was allowed (Chromium's fake permission UI grants it), so it starts without a tap.
    await page.locator('canvas[aria-label="Try-on preview"]').evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page
      .getByRole('status')
      .filter({ hasText: /^Face found$/ })
      .waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === 'velvet-rouge-lipstick/classic-red', undefined, {
      timeout: 20_000,
    });
    // Live: frames keep being drawn.
    const frames = async (): Promise<number> => Number(await page.locator('canvas[aria-label="Try-on preview"]').getAttribute('data-frames'));
    const before = await frames();
    await page.waitForFunction((n) => Number(document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.frames) > n + 5, before, { timeout: 20_000 });
    await shoot(page, 'tryon-camera');
  } finally {
    await viewer.close();
  }
});
