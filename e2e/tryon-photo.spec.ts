/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, type StudioSession } from './support/studio';
import { repoRoot } from './support/paths';
import { FACES, TEST_OUTPUT, chooseLook, difference, expand, grab, inside, openFile, openStudioPage, parseBox, lookOf, pullToward, type Box } from './tryon-kit';

/** Lip boxes measured with the 468-point model (../shared/FACTS.md), independent of this engine. */
const KNOWN_LIPS: Readonly<Record<string, Box>> = {
  'grace_hopper.jpg': [231, 267, 301, 292],
  'astronaut.png': [202, 139, 244, 155],
};

let studio: StudioSession;

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  studio = await launchStudio({ viewport: { width: 1400, height: 900 } });
  await openStudioPage(studio.page);
});

afterAll(async () => {
  await studio?.close();
});

describe('try-on on photos (real model, ../shared/faces)', () => {
  for (const face of ['grace_hopper.jpg', 'astronaut.png']) {
    it(`lipstick colours the lips of ${face} toward the shade and almost nothing outside the mouth`, async () => {
      const { page } = studio;
      expect(await openFile(page, path.join(FACES, face))).toBe('found');
      await chooseLook(page, null);
      const before = await grab(page);
      const shade = lookOf('velvet-rouge-lipstick', 'classic-red');
      await chooseLook(page, shade);
      const after = await grab(page);
      const lips = parseBox(after.debug.lips);
      // The engine's lips agree with the independently measured box (within a few pixels).
      const known = KNOWN_LIPS[face]!;
      for (let k = 0; k < 4; k++) expect(Math.abs(lips[k]! - known[k]!)).toBeLessThan(8);
      const mouth = expand(lips, 0.25, 6);
      const diff = difference(before.frame, after.frame, mouth);
      const lipArea = (lips[2] - lips[0]) * (lips[3] - lips[1]);
      expect(diff.changedInside).toBeGreaterThan(lipArea * 0.3);
      expect(diff.changedOutside).toBeLessThan(20);
      const pull = pullToward(before.frame, after.frame, lips, '#b3121f');
      expect(pull.meanPull).toBeGreaterThan(8);
      // The mouth opening (between the inner contours) is left alone: the lip centre line changes less.
      writeFileSync(path.join(TEST_OUTPUT, `lipstick-${face}.png`), await page.locator('canvas[aria-label="Try-on preview"]').screenshot());
    });
  }

  it('eyeshadow and blush change pixels only in their own regions', async () => {
    const { page } = studio;
    await openFile(page, path.join(FACES, 'grace_hopper.jpg'));
    await chooseLook(page, null);
    const before = await grab(page);
    await chooseLook(page, lookOf('sunset-lids-eyeshadow', 'smoky-plum'));
    const eyes = await grab(page);
    const eyeBox = expand(parseBox(eyes.debug.eyes), 0.15, 4);
    const eyeDiff = difference(before.frame, eyes.frame, eyeBox, 8);
    expect(eyeDiff.changedInside).toBeGreaterThan(400);
    expect(eyeDiff.changedOutside).toBeLessThan(10);
    expect(difference(before.frame, eyes.frame, expand(parseBox(eyes.debug.lips), 0.2, 4), 8).changedInside).toBe(0);

    await chooseLook(page, lookOf('cheek-glow-blush', 'rose'));
    const cheeks = await grab(page);
    const cheekBox = expand(parseBox(cheeks.debug.cheeks), 0.2, 4);
    const cheekDiff = difference(before.frame, cheeks.frame, cheekBox, 6);
    expect(cheekDiff.changedInside).toBeGreaterThan(600);
    expect(cheekDiff.changedOutside).toBeLessThan(10);
    // Blush stays on the cheeks: nothing inside the lips or on the eyelids moves.
    expect(difference(before.frame, cheeks.frame, parseBox(cheeks.debug.lips), 6).changedInside).toBe(0);
    expect(difference(before.frame, cheeks.frame, parseBox(cheeks.debug.eyes), 6).changedInside).toBe(0);
  });

  it('draws glasses around the eyes, in the shade chosen, and switches colour instantly', async () => {
    const { page } = studio;
    await openFile(page, path.join(FACES, 'astronaut.png'));
    await chooseLook(page, null);
    const before = await grab(page);
    await chooseLook(page, lookOf('square-frames', 'crimson'));
    const red = await grab(page);
    const eyes = parseBox(red.debug.eyes);
    const band = expand(eyes, 0.45, 10);
    const diff = difference(before.frame, red.frame, band);
    expect(diff.changedInside).toBeGreaterThan(800);
    // Everything the glasses drew lies in a band around the eyes (temples reach toward the ears).
    expect(diff.bounds).not.toBeNull();
    expect(inside(expand(eyes, 1.0, 20), diff.bounds![0], diff.bounds![1])).toBe(true);
    expect(inside(expand(eyes, 1.0, 20), diff.bounds![2], diff.bounds![3])).toBe(true);
    const crimson = pullToward(before.frame, red.frame, band, '#a3162c');
    expect(crimson.meanPull).toBeGreaterThan(20);
    const started = Date.now();
    await chooseLook(page, lookOf('square-frames', 'ocean'));
    expect(Date.now() - started).toBeLessThan(2000);
    const blue = await grab(page);
    expect(pullToward(before.frame, blue.frame, band, '#1f5fa8').meanPull).toBeGreaterThan(20);
  });

  it('hides the far glasses temple behind the head on a turned head (depth-only occluder)', async () => {
    const { page } = studio;
    // A real photo of a turned head (see e2e/fixtures/README.md); landmarks come from the model.
    expect(await openFile(page, path.join(repoRoot, 'e2e', 'fixtures', 'turned-head-cameraman.png'))).toBe('found');
    await chooseLook(page, null);
    const bare = await grab(page);
    expect(Math.abs(Number(bare.debug.yaw))).toBeGreaterThan(30);
    const glasses = lookOf('round-frames', 'gold');
    await chooseLook(page, glasses);
    const occluded = await grab(page);
    const canvas = page.locator('canvas[aria-label="Try-on preview"]');
    await canvas.evaluate((c: HTMLCanvasElement) => (c.dataset.occluder = 'off'));
    await chooseLook(page, null);
    await chooseLook(page, glasses);
    const seeThrough = await grab(page);
    await canvas.evaluate((c: HTMLCanvasElement) => delete c.dataset.occluder);
    writeFileSync(path.join(TEST_OUTPUT, 'turned-head-occluded.png'), await canvas.screenshot());
    const eyes = parseBox(occluded.debug.eyes);
    const head = expand(eyes, 1.2, 20);
    const drawn = difference(bare.frame, occluded.frame, head);
    const drawnWithout = difference(bare.frame, seeThrough.frame, head);
    // The glasses are there, with the near temple running back toward the visible ear…
    expect(drawn.changedInside).toBeGreaterThan(150);
    expect(drawn.changedOutside).toBe(0);
    // …and without the head's depth, the far temple shows through the head: the occluder hid it
    // (since the temples end behind the ears, inside the head's outline, that is ~30 px here, not 40+).
    const hidden = difference(occluded.frame, seeThrough.frame, head);
    expect(hidden.changedInside).toBeGreaterThan(20);
    expect(drawnWithout.changedInside).toBeGreaterThan(drawn.changedInside + 20);
  });

  it('switches shades with the arrow keys and compares before/after with the split slider', async () => {
    const { page } = studio;
    await openFile(page, path.join(FACES, 'grace_hopper.jpg'));
    await chooseLook(page, null);
    const before = await grab(page);
    await chooseLook(page, lookOf('satin-stick', 'deep-plum'));
    const canvas = page.locator('canvas[aria-label="Try-on preview"]');
    // ←/→ from the page (focus on the stage, not in a field) step through the item's shades.
    await page.getByRole('heading', { name: 'Studio' }).click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => canvas.getAttribute('data-look')).toBe('satin-stick/peach-shimmer');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => canvas.getAttribute('data-look')).toBe('satin-stick/mauve');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => canvas.getAttribute('data-look')).toBe('satin-stick/deep-plum');
    const full = await grab(page);
    // Split at 50 %: the left half shows the untouched photo, the right half the look.
    await page.getByRole('slider', { name: 'Before/after split' }).fill('50');
    await page.waitForTimeout(200);
    const split = await grab(page);
    const lips = parseBox(split.debug.lips);
    const middle = Math.round(split.frame.width / 2);
    expect(lips[0]).toBeLessThan(middle - 10);
    expect(lips[2]).toBeGreaterThan(middle + 10);
    const leftHalf: Box = [0, 0, middle - 2, split.frame.height];
    expect(difference(before.frame, split.frame, [0, 0, 0, 0]).changedOutside).toBeGreaterThan(0);
    expect(difference(before.frame, split.frame, leftHalf).changedInside).toBe(0);
    const rightHalf: Box = [middle + 2, 0, split.frame.width, split.frame.height];
    expect(difference(full.frame, split.frame, rightHalf).changedInside).toBe(0);
    await page.getByRole('slider', { name: 'Before/after split' }).fill('0');
  });

  it('takes a photo of the look and saves it as a draft with the item and shade recorded', async () => {
    const { page } = studio;
    await openFile(page, path.join(FACES, 'astronaut.png'));
    await chooseLook(page, lookOf('satin-stick', 'fuchsia'));
    await page.getByRole('button', { name: 'Take photo' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Satin Stick — Fuchsia” to Drafts.' }).waitFor({ timeout: 15_000 });
    const db = new Database(path.join(studio.dataDir, 'studio.db'), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT id, kind, title, item_id, attribute_id, media_file, width, height FROM drafts ORDER BY created_at DESC LIMIT 1`).get() as Record<string, unknown>;
      expect(row).toMatchObject({ kind: 'photo', title: 'Satin Stick — Fuchsia', item_id: 'satin-stick', attribute_id: 'fuchsia', width: 512, height: 512 });
    } finally {
      db.close();
    }
    await page.getByRole('button', { name: 'Drafts', exact: true }).click();
    await page.getByText('Satin Stick — Fuchsia').first().waitFor({ timeout: 10_000 });
    // Back to the Studio: a fresh engine on a fresh canvas.
    await openStudioPage(page);
  });

  it('shows no overlay and says "No face found" on a photo without a face', async () => {
    const { page } = studio;
    expect(await openFile(page, path.join(FACES, 'no_face_coffee.png'))).toBe('none');
    await expect(page.getByRole('status').filter({ hasText: 'No face found' }).isVisible()).resolves.toBe(true);
    await chooseLook(page, null);
    const plain = await grab(page);
    for (const id of ['velvet-rouge-lipstick', 'cheek-glow-blush', 'round-frames', 'classic-fedora']) {
      await chooseLook(page, lookOf(id));
      const dressed = await grab(page);
      expect(difference(plain.frame, dressed.frame, [0, 0, 0, 0], 0).changedOutside).toBe(0);
      expect(dressed.debug.face).toBe('none');
    }
  });

  it('explains a corrupt photo and a file that is not media', async () => {
    const { page } = studio;
    const broken = path.join(TEST_OUTPUT, 'broken.jpg');
    writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]));
    await page.locator('input[type=file][aria-label="Photo or video file"]').setInputFiles(broken);
    await expect(page.getByRole('alert').filter({ hasText: 'This photo could not be read' }).waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    const video = path.join(TEST_OUTPUT, 'broken.mp4');
    writeFileSync(video, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4096, 3)]));
    await page.locator('input[type=file][aria-label="Photo or video file"]').setInputFiles(video);
    await expect(page.getByRole('alert').filter({ hasText: 'This video could not be played' }).waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    const text = path.join(TEST_OUTPUT, 'notes.txt');
    writeFileSync(text, 'not a photo');
    await page.locator('input[type=file][aria-label="Photo or video file"]').setInputFiles(text);
    await expect(page.getByRole('alert').filter({ hasText: 'is not a photo or video' }).waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
  });
});
