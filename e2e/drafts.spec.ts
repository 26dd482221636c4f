import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facesDir, testOutput } from './support/paths';
import { launchStudio, type StudioSession } from './support/studio';

let studio: StudioSession;

beforeEach(async () => {
  studio = await launchStudio({ path: '/drafts' });
  await studio.page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
});
afterEach(async () => {
  await studio.close();
});

const card = (title: string) => studio.page.getByRole('article', { name: title });

async function importThroughPicker(file: string): Promise<void> {
  await studio.page.getByLabel('Choose a photo or video to import').setInputFiles(file);
}

describe('Drafts page in the browser-hosted studio', () => {
  it('imports astronaut.png as a draft and shows it in the grid with its thumbnail', async () => {
    const { page } = studio;
    await expect.poll(() => page.getByRole('heading', { name: 'Drafts', level: 1 }).isVisible()).toBe(true);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    await importThroughPicker(path.join(facesDir, 'astronaut.png'));
    await card('astronaut').waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported “astronaut”' }).isVisible()).toBe(true);
    const thumb = card('astronaut').locator('img');
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    const drafts = readdirSync(path.join(studio.dataDir, 'drafts'));
    expect(drafts).toHaveLength(1);
    expect(readdirSync(path.join(studio.dataDir, 'drafts', drafts[0]!)).sort()).toEqual(['original.png', 'thumb.jpg']);

    await page.screenshot({ path: testOutput('e2e', 'drafts-grid.png') });
    expect(studio.problems).toEqual([]);
  });

  it('refuses a file that is not an image or video, with a clear error, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anchor-bad-'));
    const fake = path.join(dir, 'holiday.png');
    writeFileSync(fake, 'this is a text file pretending to be a photo\n'.repeat(100));
    await importThroughPicker(fake);
    const alert = studio.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('is not an image or a video');
    expect(await studio.page.getByRole('article').count()).toBe(0);
    expect(readdirSync(path.join(studio.dataDir, 'drafts'))).toEqual([]);
    expect(readdirSync(path.join(studio.dataDir, 'imports'))).toEqual([]);
    await studio.page.screenshot({ path: testOutput('e2e', 'drafts-bad-file.png') });
    rmSync(dir, { recursive: true, force: true });
  });

  it('renames, opens and deletes (with confirmation) a draft; deleting removes its files', async () => {
    const { page } = studio;
    await importThroughPicker(path.join(facesDir, 'grace_hopper.jpg'));
    await card('grace hopper').waitFor();

    await page.getByRole('button', { name: 'Rename grace hopper' }).click();
    const title = page.getByRole('textbox', { name: 'Draft title' });
    await title.fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('dialog').getByRole('alert').textContent()).toContain('cannot be empty');
    await title.fill('Admiral Hopper look');
    await title.press('Enter');
    await card('Admiral Hopper look').waitFor();

    await page.getByRole('button', { name: 'Open Admiral Hopper look' }).click();
    const viewer = page.getByRole('dialog', { name: 'Admiral Hopper look' });
    await expect.poll(() => viewer.getByRole('img', { name: 'Admiral Hopper look' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(512);
    await page.screenshot({ path: testOutput('e2e', 'draft-viewer.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.isVisible()).toBe(false);

    const [draftDir] = readdirSync(path.join(studio.dataDir, 'drafts'));
    await page.getByRole('button', { name: 'Delete Admiral Hopper look' }).click();
    await page.getByRole('dialog', { name: 'Delete draft?' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(existsSync(path.join(studio.dataDir, 'drafts', draftDir!))).toBe(true);

    await page.getByRole('button', { name: 'Delete Admiral Hopper look' }).click();
    await page.getByRole('button', { name: 'Delete draft' }).click();
    await expect.poll(() => card('Admiral Hopper look').count()).toBe(0);
    expect(existsSync(path.join(studio.dataDir, 'drafts', draftDir!))).toBe(false);
  });

  it('imports a video with its duration, and keeps working from the keyboard', async () => {
    const { page } = studio;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anchor-video-'));
    const video = path.join(dir, 'first_take.mp4');
    // Noise at a high bitrate: several MiB, so the import streams many chunks with several in flight.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'nullsrc=size=480x854:rate=30:duration=2.5,geq=random(1)*255:128:128',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-b:v',
      '20M',
      '-preset',
      'ultrafast',
      video,
    ]);
    const source = readFileSync(video);
    expect(source.byteLength).toBeGreaterThan(4 * 1024 * 1024);
    await importThroughPicker(video);
    await card('first take').waitFor();
    rmSync(dir, { recursive: true, force: true });
    const [draftDir] = readdirSync(path.join(studio.dataDir, 'drafts'));
    expect(readFileSync(path.join(studio.dataDir, 'drafts', draftDir!, 'original.mp4')).equals(source)).toBe(true);
    expect(await card('first take').textContent()).toContain('0:03');
    expect(await card('first take').textContent()).toContain('Video');

    // Keyboard only: from the navigation, Tab into the filter (one tab stop), → selects "Photos".
    await page.getByRole('button', { name: 'Drafts' }).focus();
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'radio'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('All');
    await page.keyboard.press('ArrowRight');
    const photos = page.getByRole('radio', { name: 'Photos' });
    expect(await photos.getAttribute('aria-checked')).toBe('true');
    expect(await photos.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('article').count()).toBe(0);
    await page.screenshot({ path: testOutput('e2e', 'drafts-keyboard-filter.png') });
  });
});
