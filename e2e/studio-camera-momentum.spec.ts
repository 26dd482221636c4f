import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOutput } from './support/paths';
import { killHost, launchStudio, startHost, type StudioSession } from './support/studio';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { openStudioPage } from './tryon-kit';

/**
 * The camera and the take around an anchor (issue 12 §3 item 9, §2), with a fake webcam: the camera
 * keeps running across pages, an anchor lands in the try-on wearing its shade, and a take survives
 * the host dying. Screenshots in test-output/ux/ beside the new user's walkthrough (studio-ux.spec.ts).
 */
const shot = (name: string): string => testOutput('ux', `${name}.png`);
const CANVAS = 'canvas[aria-label="Try-on preview"]';

function seedAnchoredVideo(dataDir: string): string {
  const dir = path.join(dataDir, 'platform');
  const file = readdirSync(dir).find((f) => f.endsWith('.db') || f.endsWith('.sqlite'));
  if (!file) throw new Error(`no platform database in ${dir}: ${readdirSync(dir).join(', ')}`);
  const db = new Database(path.join(dir, file));
  try {
    const owner = db.prepare('select id from users where handle = ?').get('viewer_ana') as { id: string };
    const now = Date.now();
    db.prepare(
      `insert into videos (id, owner_id, upload_id, idempotency_key, title, topic, visibility, duration_ms, width, height, mime_type, size_bytes, cover_time_ms, media_file, cover_file, created_at)
       values ('vid_uxmomentum01', ?, 'upl_uxmomentum01', 'ux-momentum', 'Pink glaze, one take', null, 'public', 2000, 720, 1280, 'video/mp4', 1, 0, 'missing.mp4', null, ?)`,
    ).run(owner.id, now);
    db.prepare(
      `insert into anchors (id, video_id, position, role, kind, item_id, attribute_id, label, x, y, start_ms, end_ms, placement, trigger_count)
       values ('anc_uxmomentum01', 'vid_uxmomentum01', 0, 'target', 'tryon', 'glass-gloss-lip', 'pink-glaze', 'Glass Gloss Lip', 0.5, 0.6, 0, 2000, 'near-item', 0)`,
    ).run();
  } finally {
    db.close();
  }
  return 'anc_uxmomentum01';
}

describe('anchor → try-on momentum (issue 12 §3 item 9, fake webcam)', () => {
  let cam: StudioSession;
  beforeAll(async () => {
    cam = await launchStudio({ viewport: { width: 1280, height: 720 }, chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
    // Count camera opens (video getUserMedia calls) across page changes.
    await cam.context.addInitScript(() => {
      const media = navigator.mediaDevices;
      const open = media.getUserMedia.bind(media);
      (window as unknown as { cameraOpens: number }).cameraOpens = 0;
      media.getUserMedia = (constraints?: MediaStreamConstraints) => {
        if (constraints?.video) (window as unknown as { cameraOpens: number }).cameraOpens++;
        return open(constraints);
      };
    });
    await cam.page.reload();
  });
  afterAll(async () => {
    await cam?.close();
  });
  const opens = (): Promise<number> => cam.page.evaluate(() => (window as unknown as { cameraOpens: number }).cameraOpens);

  it('offers "Start camera" on the stage; the camera keeps running from Studio to Shoot and back', async () => {
    const { page } = cam;
    await openStudioPage(page);
    const start = page.locator('.studio-canvas-wrap').getByRole('button', { name: 'Start camera' });
    await start.waitFor();
    await page.screenshot({ path: shot('9-start-camera-on-stage') });
    await start.click();
    await page.getByRole('button', { name: 'Restart camera' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Record' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Item experience' }).click();
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor();
    // Back in Studio the camera is on again without a click, and it was never reopened.
    await page.getByRole('button', { name: 'Restart camera' }).waitFor({ timeout: 30_000 });
    expect(await opens()).toBe(1);
  });

  it('arriving from an anchor starts the allowed camera, wears the shade and says whose video it came from', async () => {
    const { page } = cam;
    const anchor = seedAnchoredVideo(cam.dataDir);
    await page.goto(`${cam.origin}/anchor/${anchor}`);
    await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByText('Trying Glass Gloss Lip from @viewer_ana’s video.').waitFor();
    await page.getByRole('button', { name: 'Restart camera' }).waitFor({ timeout: 60_000 });
    const shade = page.getByRole('radio', { name: 'Pink Glaze', exact: true });
    expect(await shade.getAttribute('aria-checked')).toBe('true');
    const b = (await shade.boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(720);
    // The debug readout (data-look …) is written only while it is switched on.
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page
      .waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.look === 'glass-gloss-lip/pink-glaze', CANVAS, { timeout: 30_000 })
      .catch(async (error: unknown) => {
        const shown = await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => JSON.stringify(c.dataset));
        throw new Error(`${String(error)}\nthe canvas's debug readout: ${shown}`);
      });
    await page.screenshot({ path: shot('9-from-anchor') });
  });

  it('2 · the host dies mid-take: the page says at once that recording stopped and will be recovered; after a restart the take is recovered', async () => {
    const { page } = cam;
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    const record = page.getByRole('button', { name: 'Record' });
    await expect.poll(() => record.isEnabled(), { timeout: 30_000 }).toBe(true);
    await record.click();
    await page.getByRole('button', { name: 'Stop' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(2500);
    await killHost(cam.host);
    const told = page.getByRole('alert').filter({ hasText: 'Recording stopped.' });
    await told.waitFor({ timeout: 5000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: shot('2-debug') });
      throw error;
    });
    expect(await told.textContent()).toContain('will be recovered into Drafts when the studio starts again');
    // No REC badge and no running clock over a dead take.
    expect(await page.locator('.shoot-rec').count()).toBe(0);
    const clock = page.getByRole('timer', { name: 'Elapsed time' });
    const before = await clock.textContent();
    await page.waitForTimeout(1500);
    expect(await clock.textContent()).toBe(before);
    await page.screenshot({ path: shot('2-host-died-mid-take') });

    const again = await startHost(cam.dataDir);
    try {
      await page.goto(again.url);
      const notice = page.getByRole('alert').filter({ hasText: /recovered into Drafts/ });
      await notice.waitFor({ timeout: 90_000 });
      // The notice lists what came back (title, when it was started, its length) with "Open in Drafts".
      const listed = notice.getByRole('list', { name: 'Recovered takes' }).getByRole('listitem');
      expect(await listed.count()).toBe(1);
      const title = (await listed.first().locator('strong').textContent()) ?? '';
      expect(title).not.toBe('');
      expect(await listed.first().textContent()).toMatch(/started .+ · \d+:\d{2}/);
      await page.screenshot({ path: shot('2-after-restart-notice') });
      await listed
        .first()
        .getByRole('button', { name: `Open “${title}” in Drafts` })
        .click();
      await page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
      await page.getByRole('dialog').filter({ hasText: title }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Escape');
      await page.locator('article[data-status="recovered"]').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: shot('2-after-restart-recovered') });
    } finally {
      await again.stop();
    }
  });
});
