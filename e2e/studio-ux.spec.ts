/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOutput } from './support/paths';
import { launchStudio, openPage, takePhoto, type StudioSession } from './support/studio';
import { FACES, openFile, openSource, openStudioPage } from './tryon-kit';

/**
 * A new user's walkthrough (issue 12 §3): each fix checked in the browser-hosted studio, with a
 * screenshot in test-output/ux/.
 */
const shot = (name: string): string => testOutput('ux', `${name}.png`);
const CANVAS = 'canvas[aria-label="Try-on preview"]';

let studio: StudioSession;
let fixtures: string;

/** Portrait media as phones make them: a 1080×1920 photo and a 720×1280 video of a real face. */
function makePortraitMedia(dir: string): { photo: string; video: string } {
  const photo = path.join(dir, 'portrait-1080x1920.png');
  const video = path.join(dir, 'portrait-720x1280.mp4');
  const face = path.join(FACES, 'grace_hopper.jpg');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', face, '-vf', 'scale=1080:-2,pad=1080:1920:0:(oh-ih)/2:color=0x303848', photo]);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-framerate',
    '30',
    '-i',
    face,
    '-t',
    '2',
    '-vf',
    'scale=720:-2,pad=720:1280:0:(oh-ih)/2:color=0x303848,format=yuv420p',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    video,
  ]);
  return { photo, video };
}

type Rect = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Rect> => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
};
const within = (inner: Rect, outer: Rect, slack = 1.5): boolean =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

beforeAll(async () => {
  fixtures = mkdtempSync(path.join(os.tmpdir(), 'anchor-ux-'));
  studio = await launchStudio({ viewport: { width: 1280, height: 720 } });
  await openStudioPage(studio.page);
});
afterAll(async () => {
  await studio?.close();
  if (fixtures) rmSync(fixtures, { recursive: true, force: true });
});

describe('Studio for a new user (issue 12 §3)', () => {
  it('1 · fits portrait photos and videos inside the stage at any window size, with a 9:16 guide', async () => {
    const { page } = studio;
    const { photo, video } = makePortraitMedia(fixtures);
    for (const [file, w, h] of [
      [photo, 1080, 1920],
      [video, 720, 1280],
    ] as const) {
      await openSource(page, file);
      await page.screenshot({ path: shot(`1-${path.basename(file)}-opened`) });
      await expect.poll(() => page.locator(CANVAS).getAttribute('data-face'), { timeout: 10_000 }).toBe('found');
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1920, height: 1080 },
        { width: 1024, height: 768 },
      ]) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(150);
        const stage = await box(page, '.studio-canvas-wrap');
        const canvas = await box(page, CANVAS);
        // The whole picture is on the stage, in its own shape, as large as the stage's height allows.
        expect(within(canvas, stage), `${path.basename(file)} at ${viewport.width}×${viewport.height}: canvas ${JSON.stringify(canvas)} in stage ${JSON.stringify(stage)}`).toBe(true);
        expect(Math.abs(canvas.width / canvas.height - w / h)).toBeLessThan(0.01);
        expect(canvas.height).toBeGreaterThan(stage.height - 4);
        expect(await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([w, h]);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByLabel('9:16 guide').check();
    const guide = await box(page, '[data-testid="portrait-guide"]');
    expect(Math.abs(guide.width / guide.height - 9 / 16)).toBeLessThan(0.02);
    await page.screenshot({ path: shot('1-portrait-video-1280x720-guide') });
    // A landscape source with the guide: the 9:16 crop is the full height, centred.
    await openFile(page, path.join(FACES, 'astronaut.png'));
    const square = await box(page, CANVAS);
    const crop = await box(page, '[data-testid="portrait-guide"]');
    expect(Math.abs(crop.height - square.height)).toBeLessThan(3);
    expect(Math.abs(crop.x + crop.width / 2 - (square.x + square.width / 2))).toBeLessThan(2);
    await page.screenshot({ path: shot('1-square-photo-guide') });
    await page.getByLabel('9:16 guide').uncheck();
    expect(await page.locator('[data-testid="portrait-guide"]').count()).toBe(0);
  });

  it('3 · shows the shades beside the preview without scrolling at 1280×720; the dots on item cards choose the shade', async () => {
    const { page } = studio;
    await page.setViewportSize({ width: 1280, height: 720 });
    await openFile(page, path.join(FACES, 'grace_hopper.jpg'));
    // The last item in the list (the catalog scrolls inside its panel, the shades stay put).
    const card = page.locator('.studio-item-row').filter({ has: page.getByRole('button', { name: /Square Frames/ }) });
    await card.getByRole('button', { name: 'Ocean Blue shade' }).click();
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.look === 'square-frames/ocean', CANVAS, { timeout: 45_000 });
    expect(await card.getByRole('button', { name: /Square Frames/ }).getAttribute('aria-pressed')).toBe('true');
    const ocean = page.getByRole('radio', { name: 'Ocean Blue', exact: true });
    expect(await ocean.getAttribute('aria-checked')).toBe('true');
    // Every swatch lies inside the window, and the page itself did not scroll.
    for (const swatch of await page.getByRole('radio').all()) {
      const b = (await swatch.boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(720);
      expect(b.y).toBeGreaterThanOrEqual(0);
    }
    expect(await page.locator('#main').evaluate((m) => m.scrollTop)).toBe(0);
    // A dot of another item puts it on in that shade at once, beside the glasses (a look in layers).
    const lipstick = page.locator('.studio-item-row').filter({ has: page.getByRole('button', { name: /Velvet Rouge/ }) });
    await lipstick.getByRole('button', { name: 'Berry shade' }).click();
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.look === 'velvet-rouge-lipstick/berry+square-frames/ocean', CANVAS, { timeout: 45_000 });
    await page.screenshot({ path: shot('3-shades-1280x720') });
  });

  it('4 · Take photo flashes, shows a thumbnail toast on the stage, and "Open in Drafts" opens that photo', async () => {
    const { page } = studio;
    const toast = await takePhoto(page);
    expect(await toast.getByRole('status').textContent()).toBe('Saved “Velvet Rouge Lipstick — Berry” to Drafts.');
    // Near the preview: the toast is inside the stage, not below the fold.
    expect(within((await toast.boundingBox())!, await box(page, '.studio-canvas-wrap'))).toBe(true);
    await expect.poll(() => toast.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: shot('4-photo-toast') });
    await toast.getByRole('button', { name: 'Open in Drafts' }).click();
    await page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
    const viewer = page.getByRole('dialog', { name: 'Velvet Rouge Lipstick — Berry' });
    await viewer.waitFor();
    expect(new URL(page.url()).pathname).toBe('/drafts');
    await page.screenshot({ path: shot('4-open-in-drafts') });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    expect(studio.problems).toEqual([]);
  });

  it('5 · Drafts video cards: Delete never clipped, export progress text whole, no stale "Exporting · waiting" beside the bar', async () => {
    const { page } = studio;
    const clip = path.join(fixtures, 'long-take-1280x720.mp4');
    // 20 s so the export is still running while the card is checked.
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '20',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      clip,
    ]);
    await openPage(page, 'Drafts');
    await page.getByLabel('Choose a photo or video to import').setInputFiles(clip);
    const card = page.getByRole('article', { name: 'long take 1280x720' });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: /^(Export|Re-export) long take/ }).waitFor({ timeout: 30_000 });
    const fits = async (): Promise<void> => {
      for (const article of await page.getByRole('article').all()) {
        const outer = (await article.boundingBox())!;
        for (const button of await article.locator('.draft-card__actions button').all()) {
          expect(within((await button.boundingBox())!, outer, 0.5), `${await button.textContent()} inside its card`).toBe(true);
        }
      }
    };
    for (const width of [1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 768 });
      await fits();
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await card.getByRole('button', { name: /^(Export|Re-export) long take/ }).click();
    const bar = card.getByRole('progressbar', { name: /^Exporting/ });
    await bar.waitFor({ timeout: 15_000 });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).not.toBe('0');
    const label = bar.locator('.progress__label');
    // The whole text is inside the bar: nothing cut at the side or the bottom.
    const [barBox, labelBox] = [(await bar.boundingBox())!, (await label.boundingBox())!];
    expect(within(labelBox, barBox, 0.5)).toBe(true);
    expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth)).toBe(true);
    expect(await label.textContent()).toMatch(/\d+ ?%/);
    // The card does not also say "Exporting · waiting" from the row's stale detail.
    expect(await card.locator('.draft-card__sub .status').count()).toBe(0);
    await fits();
    await page.screenshot({ path: shot('5-drafts-exporting-1024') });
    await card.getByRole('button', { name: /^Cancel the export/ }).click();
    await bar.waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('7 · Rename: the field has focus with the title selected, Enter saves, Esc cancels; 6 · errors are sentences at the field', async () => {
    const { page } = studio;
    const card = page.getByRole('article', { name: 'long take 1280x720' });
    await card.getByRole('button', { name: /^Rename/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename draft' });
    await dialog.waitFor();
    const field = dialog.getByRole('textbox');
    await expect.poll(() => field.evaluate((f) => f === document.activeElement)).toBe(true);
    expect(await field.evaluate((f: HTMLInputElement) => [f.selectionStart, f.selectionEnd])).toEqual([0, 'long take 1280x720'.length]);
    await page.keyboard.type('Beach take');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('article', { name: 'Beach take' }).waitFor();

    await page
      .getByRole('article', { name: 'Beach take' })
      .getByRole('button', { name: /^Rename/ })
      .click();
    await dialog.waitFor();
    await page.keyboard.type('Not this');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('article', { name: 'Beach take' }).count()).toBe(1);

    await page
      .getByRole('article', { name: 'Beach take' })
      .getByRole('button', { name: /^Rename/ })
      .click();
    await dialog.waitFor();
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    const problem = dialog.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('A title cannot be empty.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: shot('7-rename-error') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('6 · Register states the handle and password rules up front and answers at the field, never with an envelope', async () => {
    const { page } = studio;
    await openPage(page, 'Settings');
    const form = page.getByRole('form', { name: 'Sign in to the platform' });
    await form.waitFor({ timeout: 30_000 });
    await form
      .getByRole('radio', { name: 'Register' })
      .or(form.getByRole('button', { name: 'Register' }))
      .first()
      .click();
    const register = page.getByRole('form', { name: 'Create a platform account' });
    await register.getByText('A handle is 3 to 30 letters, digits or underscores.').waitFor();
    await register.getByText('A password has at least 8 characters.').waitFor();
    await register.getByLabel('Handle').fill('a!');
    await register.getByLabel('Display name').fill('Ana');
    await register.getByLabel('Password').fill('short');
    await register.getByRole('button', { name: 'Create account' }).click();
    const handleError = page.locator('#account-handle-error');
    await handleError.waitFor();
    expect(await handleError.textContent()).toBe('A handle is 3 to 30 letters, digits or underscores.');
    expect(await page.locator('#account-password-error').textContent()).toBe('A password has at least 8 characters.');
    expect(await register.getByLabel('Handle').evaluate((f) => f === document.activeElement)).toBe(true);
    await page.screenshot({ path: shot('6-register-field-errors') });
    // A refusal from the platform (a handle taken by a demo viewer) is its sentence, not an envelope.
    await register.getByLabel('Handle').fill('viewer_ana');
    await register.getByLabel('Password').fill('long-enough-pass');
    await register.getByRole('button', { name: 'Create account' }).click();
    const refusal = register.getByRole('alert');
    await refusal.first().waitFor({ timeout: 20_000 });
    const text = (await register.textContent()) ?? '';
    expect(text).not.toMatch(/✖|account\.register|→ at/);
    await page.screenshot({ path: shot('6-register-refused') });
  });

  it('11 · Settings has "Export mirrored" (off by default) and keeps it; 8 · recording shortcuts are set like OBS hotkeys', async () => {
    const { page } = studio;
    await openPage(page, 'Settings');
    const mirrored = page.getByLabel('Export mirrored');
    await expect.poll(() => mirrored.isChecked()).toBe(false);
    await mirrored.check();
    // §5: when the MP4 is made. Automatic by default; After Stop is what Automatic picks on a 2-core machine, so later takes here are unchanged.
    const timing = page.getByLabel('Make the MP4');
    expect(await timing.inputValue()).toBe('auto');
    expect(await page.locator('#encode-timing-help').textContent()).toMatch(/at least 4 cores \(this one has \d+\)/);
    await timing.selectOption('after-stop');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    const shortcuts = page.getByRole('group', { name: 'Recording shortcuts' });
    const record = shortcuts.getByRole('button', { name: /^Record \/ stop/ });
    expect(await record.textContent()).toBe('Alt+R');
    await record.click();
    expect(await record.textContent()).toBe('Press keys…');
    await page.keyboard.press('Alt+K');
    await shortcuts.getByRole('status').filter({ hasText: 'Shortcuts saved.' }).waitFor();
    expect(await record.textContent()).toBe('Alt+K');
    // A shortcut another action has is refused, with a sentence.
    await shortcuts.getByRole('button', { name: /^Take photo/ }).click();
    await page.keyboard.press('Alt+P');
    expect(await shortcuts.getByRole('alert').textContent()).toBe('Two actions cannot share one shortcut.');
    await page.screenshot({ path: shot('8-11-settings-shortcuts-mirrored'), fullPage: true });
    // Both are stored: a reload shows them.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Export mirrored').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Make the MP4').inputValue()).toBe('after-stop');
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Recording shortcuts' })
          .getByRole('button', { name: /^Record \/ stop/ })
          .textContent(),
      )
      .toBe('Alt+K');
  });

  it('8 · the swatch focus ring differs from the selection ring; Alt+T takes a photo', async () => {
    const { page } = studio;
    await openStudioPage(page);
    await openSource(page, path.join(FACES, 'grace_hopper.jpg'));
    await page
      .locator('.studio-item-row')
      .filter({ has: page.getByRole('button', { name: /Velvet Rouge/ }) })
      .getByRole('button', { name: 'Brick shade' })
      .click();
    await page.getByRole('radio', { name: 'Brick', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    const focused = page.getByRole('radio', { name: 'Berry', exact: true });
    await expect.poll(() => focused.evaluate((el) => el === document.activeElement)).toBe(true);
    const ring = (target: ReturnType<Page['getByRole']>) =>
      target.evaluate((el) => {
        const style = getComputedStyle(el);
        return { outline: style.outlineStyle, shadow: style.boxShadow !== 'none' };
      });
    const swatch = (name: string) => page.getByRole('radio', { name, exact: true });
    // Focus is a dashed outline; selection is the solid ring (box-shadow); they show together when both hold.
    expect(await ring(swatch('Berry'))).toEqual({ outline: 'dashed', shadow: true });
    await page.keyboard.press('Tab');
    expect(await ring(swatch('Berry'))).toEqual({ outline: 'none', shadow: true });
    expect(await ring(swatch('Nude Rose'))).toEqual({ outline: 'none', shadow: false });
    const dots = page.locator('.studio-item-row').filter({ has: page.getByRole('button', { name: /Velvet Rouge/ }) });
    await dots.getByRole('button', { name: 'Nude Rose shade' }).focus();
    expect(await ring(dots.getByRole('button', { name: 'Nude Rose shade' }))).toEqual({ outline: 'dashed', shadow: false });
    expect(await ring(dots.getByRole('button', { name: 'Berry shade' }))).toEqual({ outline: 'none', shadow: true });
    await page.locator('.studio-panel').screenshot({ path: shot('8-dot-focus-vs-selection') });
    await swatch('Berry').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.locator('.studio-shades').screenshot({ path: shot('8-swatch-focus-vs-selection') });
    expect(await page.getByRole('button', { name: 'Take photo' }).getAttribute('title')).toBe('Take photo (Alt+T)');
    await page.locator('#main').focus();
    await page.keyboard.press('Alt+T');
    await page.getByRole('group', { name: 'Photo saved' }).waitFor({ timeout: 15_000 });
  });

  it('8 · Shoot: Record by keyboard keeps focus on the control as it toggles; shortcuts pause, resume and stop', async () => {
    const { page } = studio;
    await openSource(page, path.join(fixtures, 'portrait-720x1280.mp4'));
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    const record = page.getByRole('button', { name: 'Record' });
    await expect.poll(() => record.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await record.getAttribute('title')).toBe('Record (Alt+K)');
    await record.focus();
    const control = await record.elementHandle();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Cancel countdown' }).waitFor();
    expect(await control!.evaluate((el) => el === document.activeElement && el.isConnected)).toBe(true);
    const stop = page.getByRole('button', { name: 'Stop' });
    await stop.waitFor({ timeout: 15_000 });
    expect(await control!.evaluate((el) => el === document.activeElement && el.textContent?.trim())).toBe('Stop');
    expect(await stop.getAttribute('title')).toBe('Stop (Alt+K)');
    await page.keyboard.press('Alt+P');
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await page.screenshot({ path: shot('8-shoot-paused-by-shortcut') });
    await page.keyboard.press('Alt+P');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.waitForTimeout(1500);
    await page.keyboard.press('Alt+K');
    // Stop → the take is saved and the preview page opens.
    await page.getByRole('heading', { name: /^Preview/, level: 1 }).waitFor({ timeout: 60_000 });
  });

  it('14 · Studio shows a plain status (fps, "Face found"); Settings → About & diagnostics has versions, ffmpeg, GPU, tracker mode and data folder', async () => {
    const { page } = studio;
    await openPage(page, 'Studio');
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await openSource(page, path.join(FACES, 'astronaut.png'));
    const header = page.locator('.studio-page .page__header');
    await header.getByText('Face found').waitFor();
    expect(await header.textContent()).not.toMatch(/points|worker|wasm/);
    await openPage(page, 'Settings');
    const panel = page.getByRole('group', { name: 'About & diagnostics' });
    await panel.getByText(studio.dataDir, { exact: true }).waitFor({ timeout: 15_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/ffmpeg version \d/);
    expect(text).toMatch(/Node \d+/);
    expect(text).toMatch(/(wasm|webgl) · 46[8] points|(wasm|webgl) · 478 points/);
    expect(text).toMatch(/GPU \/ renderer.+(SwiftShader|software rendering|hardware)/);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('14-diagnostics') });
  });
});

/** A public video by the seeded viewer_ana with one target anchor, written into the embedded platform's database. */
