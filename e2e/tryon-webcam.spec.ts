/// <reference lib="dom" />
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, type StudioSession } from './support/studio';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { FACES, TEST_OUTPUT, chooseLook, openFile, openStudioPage, parseBox } from './tryon-kit';

const CANVAS = 'canvas[aria-label="Try-on preview"]';

interface Sample {
  readonly eyes: string;
  readonly face: string;
  /** Pixels that are clearly blue (the "Ocean Blue" frames; the photo has no blue near the face). */
  readonly blue: number;
  readonly blueX: number;
  readonly blueY: number;
}

/** Reads the frame just drawn and its debug readout in one task, so they belong to the same frame. */
function sample(page: StudioSession['page']): Promise<Sample> {
  return page.locator(CANVAS).evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let blue = 0,
      sx = 0,
      sy = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!,
        g = data[i + 1]!,
        b = data[i + 2]!;
      if (b > 90 && b > r + 45 && b > g + 15) {
        blue++;
        sx += (i / 4) % copy.width;
        sy += Math.floor(i / 4 / copy.width);
      }
    }
    return { eyes: canvas.dataset.eyes ?? '', face: canvas.dataset.face ?? '', blue, blueX: blue ? sx / blue : NaN, blueY: blue ? sy / blue : NaN };
  });
}

let studio: StudioSession;

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  studio = await launchStudio({ viewport: { width: 1400, height: 900 }, chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
  await openStudioPage(studio.page);
});

afterAll(async () => {
  await studio?.close();
});

describe('try-on from a (fake) webcam', () => {
  it('finds the face in the live stream and the glasses follow it from frame to frame', async () => {
    const { page } = studio;
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction((selector) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.face === 'found', CANVAS, { timeout: 30_000 });
    await chooseLook(page, { item: { id: 'square-frames', name: 'Square Frames' }, attribute: { id: 'ocean', label: 'Ocean Blue' } });
    const size = await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(size).toEqual([640, 480]);

    const samples: Sample[] = [];
    for (let i = 0; i < 12; i++) {
      await page.waitForTimeout(250);
      samples.push(await sample(page));
    }
    writeFileSync(path.join(TEST_OUTPUT, 'webcam-glasses.png'), await page.locator(CANVAS).screenshot());

    // The face moves in the stream (the fake camera pans and zooms)…
    const centres = samples.map((s) => {
      const b = parseBox(s.eyes);
      return { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2, width: b[2] - b[0] };
    });
    const xs = centres.map((c) => c.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(20);
    // …and in every frame the blue frames sit on the tracked eyes (the camera view is mirrored).
    for (const [i, s] of samples.entries()) {
      expect(s.face).toBe('found');
      expect(s.blue).toBeGreaterThan(300);
      expect(Math.abs(s.blueX - (640 - centres[i]!.x))).toBeLessThan(centres[i]!.width * 0.15);
      expect(Math.abs(s.blueY - centres[i]!.y)).toBeLessThan(centres[i]!.width * 0.2);
    }
    // The frame-rate badge reports the live loop (low-rate event, once a second).
    await expect(page.getByLabel('Frame rate').textContent()).resolves.toMatch(/\d+ fps/);
  });

  it('mirrors the camera view by default and un-mirrors on request', async () => {
    const { page } = studio;
    const mirrored = await sample(page);
    await page.getByRole('checkbox', { name: 'Mirror' }).uncheck();
    await page.waitForTimeout(400);
    const plain = await sample(page);
    // The camera pans slowly; mirroring moves the glasses to the other side of the frame's centre line.
    expect(mirrored.blueX + plain.blueX).toBeGreaterThan(640 - 140);
    expect(mirrored.blueX + plain.blueX).toBeLessThan(640 + 140);
    await page.getByRole('checkbox', { name: 'Mirror' }).check();
  });
});

describe('switching sources', () => {
  it('goes from the live camera to a photo and back without a tracker error', async () => {
    const { page } = studio;
    // Opened while the camera's frames are being tracked: the photo waits for the tracker, then is decided.
    expect(await openFile(page, path.join(FACES, 'grace_hopper.jpg'))).toBe('found');
    await page.getByRole('button', { name: /camera/ }).click();
    await page.waitForFunction((selector) => document.querySelector<HTMLCanvasElement>(selector)?.width === 640, CANVAS, { timeout: 15_000 });
    await page.waitForFunction((selector) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.face === 'found', CANVAS, { timeout: 15_000 });
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});

describe('no camera', () => {
  it('says no camera was found and offers the local-file route', async () => {
    // Headless Chromium without a fake device has no camera at all.
    const bare = await launchStudio();
    try {
      await bare.page.getByRole('button', { name: 'Studio', exact: true }).click();
      await bare.page.getByRole('button', { name: 'Start camera' }).click({ timeout: 15_000 });
      const alert = bare.page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      await expect(alert.textContent()).resolves.toMatch(/No camera/);
      await expect(alert.textContent()).resolves.toMatch(/Open photo or video/);
    } finally {
      await bare.close();
    }
  });
});

describe('no camera permission', () => {
  it('says so and offers the local-file route', async () => {
    // A fake device, and every permission prompt answered "deny".
    const denied = await launchStudio({ chromiumArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'] });
    try {
      // No need to wait for the face tracker: the camera is asked for as soon as the engine exists.
      await denied.page.getByRole('button', { name: 'Studio', exact: true }).click();
      await denied.page.getByRole('button', { name: 'Start camera' }).click({ timeout: 15_000 });
      const alert = denied.page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      await expect(alert.textContent()).resolves.toMatch(/permission/i);
      await expect(alert.textContent()).resolves.toMatch(/Open photo or video/);
    } finally {
      await denied.close();
    }
  });
});
