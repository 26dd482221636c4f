/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchStudio, openPage, type StudioSession } from './support/studio';
import { fakeWebcamArgs, fakeWebcamSequence } from './fake-webcam';
import { TEST_OUTPUT, chooseLook, lookOf, openStudioPage } from './tryon-kit';

const CANVAS = 'canvas[aria-label="Try-on preview"]';
const SMILE = 'Smile: take a photo (after a 1-second countdown with a beep)';

let studio: StudioSession;

/** Photo drafts in the studio's database. */
function photoDrafts(): number {
  const db = new Database(path.join(studio.dataDir, 'studio.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM drafts WHERE kind = 'photo'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function setSmile(on: boolean): Promise<void> {
  const { page } = studio;
  await openPage(page, 'Settings');
  const toggle = page.getByRole('switch', { name: SMILE });
  await toggle.setChecked(on);
  await page.getByRole('status').filter({ hasText: 'Hands-free saved.' }).waitFor({ timeout: 10_000 });
  const group = page.getByRole('group', { name: 'Hands-free' });
  expect(await group.getByRole('switch').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked))).toEqual([on, false, false]);
  if (on) await group.screenshot({ path: path.join(TEST_OUTPUT, 'triggers-settings.png') });
}

/** Studio on the fake camera (neutral face, then a smiling one, looping), a lipstick on. */
async function studioOnCamera(): Promise<void> {
  const { page } = studio;
  await openStudioPage(page);
  const start = page.getByRole('button', { name: 'Start camera' });
  if (await start.isVisible()) await start.click();
  await page.waitForFunction((selector) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.face === 'found', CANVAS, { timeout: 30_000 });
  await chooseLook(page, lookOf('satin-stick', 'fuchsia'));
  // Every indicator shown, in order (they last 1.5 s: a poll could miss one).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { handsFreeSeen: string[] }).handsFreeSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="hands-free-indicator"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const seen = (): Promise<string[]> => studio.page.evaluate(() => (window as unknown as { handsFreeSeen: string[] }).handsFreeSeen);

beforeAll(async () => {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  // Grace Hopper (closed mouth) for 3 s, then the astronaut's wide smile for 3 s, looping.
  studio = await launchStudio({ viewport: { width: 1280, height: 720 }, chromiumArgs: fakeWebcamArgs(fakeWebcamSequence('grace_hopper.jpg', 'astronaut.png', 3)) });
});

afterAll(async () => {
  await studio?.close();
});

describe('expression triggers on a fake webcam', () => {
  it('with the smile switch on, a smile counts down 1 s on the stage and saves a photo draft', async () => {
    const { page } = studio;
    await setSmile(true);
    await studioOnCamera();
    const before = photoDrafts();
    const countdown = page.getByRole('status', { name: 'Photo in 1 second' });
    await countdown.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'triggers-countdown.png') });
    await expect.poll(seen).toContain('Smile → photo');
    await page.getByRole('status').filter({ hasText: 'Saved “Satin Stick — Fuchsia” to Drafts.' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(TEST_OUTPUT, 'triggers-photo-saved.png') });
    expect(photoDrafts()).toBeGreaterThanOrEqual(before + 1);
  }, 120_000);

  it('in Shoot, between takes, a smile also saves a photo draft', async () => {
    const { page } = studio;
    const before = photoDrafts();
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('status', { name: 'Photo in 1 second' }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: 'Saved “Satin Stick — Fuchsia” to Drafts.' }).waitFor({ timeout: 15_000 });
    expect(photoDrafts()).toBeGreaterThanOrEqual(before + 1);
  }, 120_000);

  it('with the smile switch off, the same faces take no photo and show no indicator', async () => {
    const { page } = studio;
    await setSmile(false);
    await studioOnCamera();
    const before = photoDrafts();
    // Two loops of the camera file: neutral → smile twice.
    await page.waitForTimeout(13_000);
    expect(await seen()).toEqual([]);
    expect(await page.getByRole('status', { name: 'Photo in 1 second' }).count()).toBe(0);
    expect(photoDrafts()).toBe(before);
  }, 120_000);
});
