/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facesDir, testOutput } from './support/paths';
import { launchStudio, takePhoto, type StudioSession } from './support/studio';
import { chooseLook, lookOf, openFile, openStudioPage } from './tryon-kit';

const shot = (name: string): string => testOutput('studio-post', name);
const W = 360;
const H = 640;

let studio: StudioSession;
const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-post-'));

beforeAll(async () => {
  studio = await launchStudio({ path: '/settings', viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await studio?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One decoded frame of `file` at `atS` as raw RGB. */
const frameAt = (file: string, atS: number): Buffer =>
  execFileSync('ffmpeg', ['-v', 'error', '-ss', String(atS), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });

describe('posting page, complete (browser-hosted studio, embedded platform)', () => {
  it('posts an imported video with a time-ranged anchor placed with "Pick a spot", a location and stickers burned in, then shows the result page', async () => {
    const { page } = studio;
    await page.getByRole('textbox', { name: 'Handle' }).fill('viewer_ana');
    await page.getByLabel('Password').fill('demo-viewer-pass');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor();

    // A plain 3 s portrait video without a face, imported as a draft.
    const video = path.join(dir, 'plain_clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=0x2a3550:s=${W}x${H}:r=30:d=3`, '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', video]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Drafts' }).click();
    await page.getByLabel('Choose a photo or video to import').setInputFiles(video);
    await page.getByRole('article').filter({ hasText: 'plain clip' }).waitFor();
    const [draftId] = readdirSync(path.join(studio.dataDir, 'drafts'));
    await page.goto(new URL(`/post/${draftId}`, studio.origin).toString());
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();

    // The target anchor: an item picked from the catalog (no face in this video: on the background).
    await page.getByRole('combobox', { name: 'Target anchor item' }).selectOption('velvet-rouge-lipstick');
    const chip = page.getByRole('button', { name: /^Target anchor Velvet Rouge/ });
    await chip.waitFor();
    await page.locator('[data-face-scan="none"]').getByText('No face found').waitFor({ timeout: 30_000 });
    expect(await chip.getAttribute('data-placement')).toBe('background');
    // Selected (the only anchor): bold on the preview and in the timeline's list.
    expect(await chip.getAttribute('data-selected')).toBe('true');
    expect(await chip.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('800');
    const row = page.getByRole('button', { name: /^Select Velvet Rouge/ });
    expect(await row.getAttribute('aria-pressed')).toBe('true');
    expect(await row.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('800');

    // "Pick a spot": a click on the frame places the selected anchor there.
    await page.getByRole('button', { name: 'Pick a spot' }).click();
    const stage = (await page.locator('.anchor-preview').boundingBox())!;
    await page.mouse.click(stage.x + 0.3 * stage.width, stage.y + 0.2 * stage.height);
    expect(await chip.getAttribute('data-placement')).toBe('manual');
    const [left, top] = await chip.evaluate((el: HTMLElement) => [parseFloat(el.style.left), parseFloat(el.style.top)]);
    expect(left! / 100).toBeCloseTo(0.3, 1);
    expect(top! / 100).toBeCloseTo(0.2, 1);
    expect(await chip.getAttribute('data-shown')).toBe('true');
    await page.getByRole('button', { name: 'Pick a spot' }).click();

    // Its time range on the timeline: from 1 s to the end.
    await page.getByRole('slider', { name: /^Start of Velvet Rouge/ }).fill('1000');
    await page.getByRole('img', { name: /Velvet Rouge.* shows from 1\.0 sec to 3\.0 sec/ }).waitFor();
    // The preview shows the video's first frame (no cover yet): the chip is not shown there, so it fades.
    expect(await chip.getAttribute('data-shown')).toBe('false');
    expect(await chip.getAttribute('title')).toMatch(/^Not shown at 0(\.0)? sec/);
    await page.locator('.anchor-preview').screenshot({ path: shot('post-chip-off-time.png') });

    // "This look": the anchor also opens the round frames.
    await page.getByRole('checkbox', { name: /^Link Round Frames to Velvet Rouge/ }).check();

    await page.getByRole('textbox', { name: 'Location' }).fill('Shanghai, Anfu Road');

    // Stickers: a text one and a star, shown on the preview.
    await page.getByRole('textbox', { name: 'Sticker text' }).fill('New shade!');
    await page.getByRole('button', { name: 'Add text' }).click();
    await page.getByRole('button', { name: 'Add star' }).click();
    await page.getByRole('img', { name: /^Sticker star on the video/ }).waitFor();
    await page.getByRole('img', { name: /^Sticker New shade! on the video/ }).waitFor();
    await page.screenshot({ path: shot('post-page-1400x900.png') });

    // "Save to disk" (the browser host downloads): the chip is drawn in at its place, only from 1 s on.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 40_000 }), page.getByRole('button', { name: 'Save to disk' }).click()]);
    const saved = path.join(dir, 'saved.mp4');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe('plain clip-anchors.mp4');
    await page.getByRole('status').filter({ hasText: 'Downloading plain clip-anchors.mp4' }).waitFor();
    const red = (rgb: Buffer, fx: number, fy: number): number => rgb[(Math.round(fy * H) * W + Math.round(fx * W)) * 3]!;
    // 20 px left of its point, inside the chip (its label runs left from x 0.3); the video there is dark blue.
    expect(red(frameAt(saved, 2), 0.3 - 20 / W, 0.2)).toBeGreaterThan(150);
    expect(red(frameAt(saved, 0.5), 0.3 - 20 / W, 0.2)).toBeLessThan(90);

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('heading', { name: 'Posted', level: 1 }).waitFor({ timeout: 40_000 });

    // The uploaded file is a copy with the stickers burned in: the star's yellow where it was placed.
    const burned = readdirSync(path.join(studio.dataDir, 'drafts', draftId!)).filter((f) => /^post-.*\.mp4$/.test(f));
    expect(burned).toHaveLength(1);
    const rgb = frameAt(path.join(studio.dataDir, 'drafts', draftId!, burned[0]!), 1.5);
    // The star went second: centre (0.5, 0.72) of the frame.
    const i = (Math.round(0.72 * H) * W + Math.round(0.5 * W)) * 3;
    expect(rgb[i]!).toBeGreaterThan(200);
    expect(rgb[i + 1]!).toBeGreaterThan(150);
    expect(rgb[i + 2]!).toBeLessThan(90);

    // The result page: the guidance image made from the platform's cover with the anchor, and the links.
    const guidance = page.getByRole('img', { name: /^What a viewer sees: your video with the Velvet Rouge/ });
    await guidance.waitFor();
    await page.waitForFunction(
      () => [...document.querySelectorAll<HTMLImageElement>('.guidance img')].every((img) => img.complete && img.naturalWidth > 0) && document.querySelectorAll('.guidance img').length === 2,
    );
    await page.getByText('Made from the cover and the anchor as the platform shows them.').waitFor();
    const viewerLink = page.getByRole('link', { name: 'Open in the viewer app' });
    const href = (await viewerLink.getAttribute('href'))!;
    expect(href).toMatch(/\/v\/[A-Za-z0-9_-]+$/);
    expect(await page.getByRole('button', { name: 'Try it again' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'See it in Discover' }).count()).toBe(1);
    // What the platform stored: the location, and the anchor from 1 s to the end where it was picked.
    const videoId = href.split('/').at(-1)!;
    const stored = (await (await fetch(new URL(`/api/v1/videos/${videoId}`, href))).json()) as {
      location: string;
      anchors: { startMs: number; endMs: number; x: number; y: number; extraItemIds: string[] }[];
    };
    expect(stored.location).toBe('Shanghai, Anfu Road');
    expect(stored.anchors).toHaveLength(1);
    expect(stored.anchors[0]!.startMs).toBe(1000);
    expect(stored.anchors[0]!.endMs).toBeGreaterThanOrEqual(2900);
    expect(stored.anchors[0]!.x).toBeCloseTo(0.3, 1);
    expect(stored.anchors[0]!.extraItemIds).toHaveLength(1);
    await page.screenshot({ path: shot('posted-1400x900.png') });
  });

  it('finds the face in an imported video with the tracker: the target anchor goes beside the lips, not on the background', async () => {
    const { page } = studio;
    // A 2 s portrait clip of a still face (no journal: it was not shot with the try-on).
    const video = path.join(dir, 'face_clip.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-loop',
      '1',
      '-i',
      path.join(facesDir, 'grace_hopper.jpg'),
      '-t',
      '2',
      '-r',
      '30',
      '-vf',
      'scale=512:600',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      video,
    ]);
    await page.goto(new URL('/drafts', studio.origin).toString());
    await page.getByLabel('Choose a photo or video to import').setInputFiles(video);
    const card = page.getByRole('article').filter({ hasText: 'face clip' });
    await card.waitFor();
    await card.getByRole('button', { name: /^Post / }).click();
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Target anchor item' }).selectOption('velvet-rouge-lipstick');
    const chip = page.getByRole('button', { name: /^Target anchor Velvet Rouge/ });
    await page.locator('[data-face-scan="found"]').waitFor({ timeout: 40_000 });
    await page.waitForFunction(() => document.querySelector('[aria-label^="Target anchor Velvet Rouge"]')?.getAttribute('data-placement') === 'near-item');
    const [x, y] = await chip.evaluate((el: HTMLElement) => [parseFloat(el.style.left) / 100, parseFloat(el.style.top) / 100]);
    // Her mouth is at about (0.50, 0.44) of the frame: the lipstick's chip sits to its right, level with it.
    expect(x).toBeGreaterThan(0.55);
    expect(x).toBeLessThan(0.85);
    expect(y).toBeGreaterThan(0.38);
    expect(y).toBeLessThan(0.56);
    await page.screenshot({ path: shot('post-imported-face-1400x900.png') });
  });

  it('posts a photo draft directly as an image post, with an associated-only anchor and a sticker on the picture', async () => {
    const { page } = studio;
    await page.goto(new URL('/drafts', studio.origin).toString());
    await page.getByLabel('Choose a photo or video to import').setInputFiles(path.join(facesDir, 'astronaut.png'));
    const card = page.getByRole('article').filter({ hasText: 'astronaut' });
    await card.waitFor();
    await card.getByRole('button', { name: /^Post / }).click();
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();
    await page.getByText('A photo post: every anchor shows the whole time.').waitFor();
    // The astronaut's face is found in the picture too (photos have no face journal either).
    await page.locator('[data-face-scan="found"]').getByText('Face found').waitFor({ timeout: 40_000 });

    // An associated anchor only: an imported photo has no item of its own, so a target item brings its
    // family of offers; one is linked, then the target is dropped.
    await page.getByRole('combobox', { name: 'Target anchor item' }).selectOption('velvet-rouge-lipstick');
    // Offered by the platform's suggestions (same body area and kind as the lipstick).
    await page
      .getByRole('button', { name: /^Link Glass Gloss/ })
      .filter({ hasText: 'same type' })
      .waitFor();
    await page.getByRole('button', { name: /^Link Glass Gloss/ }).click();
    await page.getByRole('combobox', { name: 'Target anchor item' }).selectOption('');
    await page.getByRole('button', { name: /^Associated anchor Glass Gloss/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Target anchor / }).count()).toBe(0);
    await page.getByRole('button', { name: 'Add heart' }).click();
    await page.screenshot({ path: shot('post-photo-1400x900.png') });

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('heading', { name: 'Posted', level: 1 }).waitFor({ timeout: 30_000 });
    const href = (await page.getByRole('link', { name: 'Open in the viewer app' }).getAttribute('href'))!;
    const stored = (await (await fetch(new URL(`/api/v1/videos/${href.split('/').at(-1)}`, href))).json()) as {
      mediaKind: string;
      width: number;
      anchors: { role: string; startMs: number; endMs: number }[];
    };
    expect(stored.mediaKind).toBe('image');
    expect(stored.width).toBe(512);
    expect(stored.anchors.map((a) => [a.role, a.startMs, a.endMs])).toEqual([['associated', 0, 0]]);
    await page.getByText('Viewers see 1 associated anchor on your post').waitFor();
    await page.getByRole('img', { name: /^What a viewer sees: your video with the Glass Gloss/ }).waitFor();
    await page.screenshot({ path: shot('posted-photo-1400x900.png') });
  });

  it('posts a try-on photo with its anchor: it shows in Discover, and tapping the anchor opens the try-on wearing that shade', async () => {
    const { page } = studio;
    // The try-on on a photo, then Take photo: a photo draft that records its item and shade.
    await openStudioPage(page);
    expect(await openFile(page, path.join(facesDir, 'astronaut.png'))).toBe('found');
    await chooseLook(page, lookOf('satin-stick', 'fuchsia'));
    const toast = await takePhoto(page);
    await toast.getByRole('button', { name: 'Open in Drafts' }).click();
    await page.getByRole('dialog', { name: 'Satin Stick — Fuchsia' }).waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByRole('article')
      .filter({ hasText: 'Satin Stick — Fuchsia' })
      .getByRole('button', { name: /^Post / })
      .click();
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();

    // The target is the photo's own look, placed beside the lips of the face the tracker finds.
    const chip = page.getByRole('button', { name: /^Target anchor Satin Stick · Fuchsia/ });
    await chip.waitFor();
    await page.locator('[data-face-scan="found"]').waitFor({ timeout: 40_000 });
    await page.waitForFunction(() => document.querySelector('[aria-label^="Target anchor Satin Stick"]')?.getAttribute('data-placement') === 'near-item');
    await page.getByRole('textbox', { name: 'Title' }).fill('Fuchsia on the astronaut');
    await page.screenshot({ path: shot('post-tryon-photo-1400x900.png') });
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('heading', { name: 'Posted', level: 1 }).waitFor({ timeout: 30_000 });

    // Discover plays it (an image post) with the anchor; a tap opens the Studio wearing that shade.
    await page.getByRole('button', { name: 'See it in Discover' }).click();
    const anchor = page.getByRole('button', { name: 'Try on Satin Stick · Fuchsia' });
    await anchor.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.discover-player img')].some((img) => img.complete && img.naturalWidth > 0));
    await page.screenshot({ path: shot('discover-tryon-photo-1400x900.png') });
    await anchor.click();
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    expect(new URL(page.url()).search).toBe('?item=satin-stick&attribute=fuchsia');
    expect(await page.getByRole('radio', { name: 'Fuchsia', exact: true }).getAttribute('aria-checked')).toBe('true');
  });
});
