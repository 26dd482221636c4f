import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VideoPage } from '@shared/protocol/videos';
import { difference, expand, grab, parseBox } from './tryon-kit';
import { facesDir, testOutput } from './support/paths';
import { launchStudio, openPage, type StudioSession } from './support/studio';
import { DESKTOP, PHONE, shoot } from './viewer-kit';

/**
 * Issue 11 across the two clients: the browser-hosted studio, signed in as the embedded platform's
 * demo creator, and the viewer app that same platform serves, in another context of the same
 * Chromium at 390×844. The viewer signs up, tops up, opens the creator's seeded video, taps its
 * anchor and tries the lipstick on a face photo, then messages the creator; the studio's Messages
 * page shows it live with the rail's badge, and the studio's reply reaches the viewer's dialog
 * without a reload. Both delivery times are measured (test-output/viewer-studio/timing.json).
 */
const SEEDED_TITLE = 'A classic red, the timeless way';
const studioShot = (name: string): string => testOutput('viewer-studio', `studio-${name}.png`);

let studio: StudioSession;
let platformUrl: string;
let viewerContext: BrowserContext;
let viewer: Page;
const viewerProblems: string[] = [];

beforeAll(async () => {
  studio = await launchStudio({ path: '/settings', viewport: DESKTOP });
  platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!.replace(/\/$/, '');
  viewerContext = await studio.browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  viewer = await viewerContext.newPage();
  viewer.on('console', (msg) => msg.type() === 'error' && viewerProblems.push(msg.text()));
  viewer.on('pageerror', (error) => viewerProblems.push(error.message));
});

afterAll(async () => {
  await viewerContext?.close().catch(() => undefined);
  await studio?.close();
});

/** The embedded platform posts its demo videos in the background at first start (ffmpeg, or a cache). */
async function seededVideoReady(): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await fetch(`${platformUrl}/api/v1/videos?limit=50`);
        return res.ok ? VideoPage.parse(await res.json()).videos.some((v) => v.title === SEEDED_TITLE && v.creator.handle === 'demo_creator') : false;
      },
      { timeout: 120_000, interval: 500 },
    )
    .toBe(true);
}

test('a viewer tries on the creator’s lipstick and messages them; the studio sees it live and the reply comes back live', { timeout: 420_000 }, async () => {
  const { page } = studio;

  // The studio signs in as the demo creator, who posted the seeded videos (the account is made with them, in the background).
  await seededVideoReady();
  await page.getByRole('heading', { name: 'Platform account' }).waitFor();
  await page.getByRole('textbox', { name: 'Handle' }).fill('demo_creator');
  await page.getByLabel('Password').fill('demo-creator-pass');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page
    .getByText('Signed in as')
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      await page.screenshot({ path: studioShot('debug-sign-in') });
      throw new Error(`${String(error)}\nstudio problems: ${studio.problems.join(' | ')}\nhost: ${studio.hostOutput().slice(-2000)}`);
    });
  await openPage(page, 'Messages');
  await page.getByText('No conversations yet.').waitFor({ timeout: 20_000 });
  // Desktop notifications in the browser-hosted studio: asked for by a button, not on page load.
  await studio.context.grantPermissions(['notifications'], { origin: studio.origin });
  await page.getByRole('button', { name: 'Allow desktop notifications' }).click();
  await page.getByRole('button', { name: 'Allow desktop notifications' }).waitFor({ state: 'detached' });
  // Headless Chromium shows nothing: record what the page asks the Web Notifications API to show.
  await page.evaluate(() => {
    const shown: Array<{ title: string; body: string }> = [];
    const Real = window.Notification;
    (window as unknown as { __notes: typeof shown }).__notes = shown;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    } as typeof Notification;
  });
  const notes = () => page.evaluate(() => (window as unknown as { __notes: Array<{ title: string; body: string }> }).__notes);
  await seededVideoReady();

  // The viewer signs up on the platform's own origin and tops up.
  await viewer.goto(`${platformUrl}/signup`);
  await viewer.getByLabel('Handle').fill('vi_cross');
  await viewer.getByLabel('Display name').fill('Vi Cross');
  await viewer.getByLabel('Password').fill('viewer-pass-1');
  await viewer.getByRole('button', { name: 'Create account' }).click();
  await viewer.getByRole('heading', { name: 'Newest videos' }).waitFor();
  await viewer.getByRole('link', { name: 'Wallet' }).click();
  await viewer.getByRole('button', { name: 'Buy 300 coins' }).click();
  await viewer.getByText('300 coins added.').waitFor();
  expect(await viewer.getByTestId('coins').textContent()).toBe('300');

  // The creator's seeded video; its target anchor opens the try-on wearing the item.
  await viewer.getByRole('link', { name: 'For you' }).click();
  await viewer.getByRole('link', { name: SEEDED_TITLE }).first().click();
  await viewer.getByRole('heading', { name: SEEDED_TITLE }).waitFor();
  const target = viewer.locator('.stage .anchor-chip.target');
  await target.waitFor();
  await shoot(viewer, 'cross-video');
  await target.click();
  await viewer.getByRole('heading', { name: /Try-on: Velvet Rouge/ }).waitFor();
  await viewer.getByText('Start your camera or choose a photo of your face.').waitFor({ timeout: 90_000 });
  await viewer.locator('canvas[aria-label="Try-on preview"]').evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
  await viewer.getByLabel('Photo from your device').setInputFiles(path.join(facesDir, 'grace_hopper.jpg'));
  await viewer
    .getByRole('status')
    .filter({ hasText: /^Face found$/ })
    .waitFor({ timeout: 60_000 });
  const look = (id: string) => viewer.waitForFunction((want) => document.querySelector<HTMLCanvasElement>('canvas[aria-label="Try-on preview"]')?.dataset.look === want, id, { timeout: 30_000 });
  await look('velvet-rouge-lipstick/classic-red');
  const red = await grab(viewer);
  await shoot(viewer, 'cross-tryon');
  // The item is on the face: another shade changes the lip box, and little outside it.
  await viewer.getByRole('radio', { name: 'Berry' }).click();
  await look('velvet-rouge-lipstick/berry');
  const berry = await grab(viewer);
  const changed = difference(red.frame, berry.frame, expand(parseBox(red.debug.lips), 0.15, 3));
  expect(changed.changedInside).toBeGreaterThan(300);
  expect(changed.changedOutside).toBeLessThan(changed.changedInside / 10);

  // Back to the video, the creator's profile, "Message".
  await viewer.getByRole('link', { name: /Back to the video/ }).click();
  await viewer
    .getByRole('link', { name: /@demo_creator/ })
    .first()
    .click();
  // The profile's grid is the creator's own listing (GET /videos?creator=), not a filtered feed.
  const grid = viewer.getByRole('list', { name: 'Videos' });
  await grid.getByRole('link', { name: SEEDED_TITLE }).first().waitFor();
  expect(await viewer.evaluate(() => performance.getEntriesByType('resource').some((r) => /\/api\/v1\/videos\?(.*&)?creator=demo_creator(&|$)/.test(r.name)))).toBe(true);
  await viewer
    .locator('img.cover')
    .first()
    .evaluate((img: HTMLImageElement) => img.decode());
  await shoot(viewer, 'cross-profile');
  await viewer.getByRole('button', { name: 'Message' }).click();
  const text = 'Hi Mia! Is Classic Red long-lasting?';
  await viewer.getByLabel('Write a message').fill(text);

  // Viewer → studio: from the Send tap until the studio's list shows the message with the badge.
  const badge = page.getByRole('navigation', { name: 'Main' }).getByRole('status', { name: '1 unread message' });
  const row = page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /@vi_cross/ });
  const sentAt = Date.now();
  await viewer.getByRole('button', { name: 'Send' }).click();
  await row.filter({ hasText: 'Is Classic Red long-lasting?' }).waitFor({ timeout: 20_000 });
  const viewerToStudioMs = Date.now() - sentAt;
  await badge.waitFor({ timeout: 20_000 });
  expect(await row.textContent()).toContain('1 unread');
  await viewer.locator('.message.mine').filter({ hasText: text }).waitFor();
  await page.screenshot({ path: studioShot('1-badge-1280x800') });
  await expect.poll(notes).toEqual([{ title: 'Message from @vi_cross', body: text }]);

  // The studio opens it (read: the badge goes) and replies.
  await row.click();
  const dialog = page.getByRole('region', { name: 'Conversation with @vi_cross' });
  await dialog.getByText(text).waitFor();
  await badge.waitFor({ state: 'detached', timeout: 20_000 });
  const reply = 'Yes, it lasts all day. Try the Berry shade too!';
  await dialog.getByRole('textbox', { name: 'Write a message' }).fill(reply);
  // A mark in the viewer's document: still there after the reply means no reload happened.
  await viewer.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const repliedAt = Date.now();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await viewer.locator('.message.theirs').filter({ hasText: reply }).waitFor({ timeout: 20_000 });
  const studioToViewerMs = Date.now() - repliedAt;
  expect(await viewer.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await dialog.getByRole('listitem', { name: 'From you' }).filter({ hasText: reply }).waitFor();
  // The viewer answers while the studio has that dialog open: it shows there live, and no notification is raised for it.
  await viewer.getByLabel('Write a message').fill('Thank you!');
  await viewer.getByRole('button', { name: 'Send' }).click();
  await dialog.getByRole('listitem', { name: 'From @vi_cross' }).filter({ hasText: 'Thank you!' }).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
  expect(await notes()).toHaveLength(1);
  await page.screenshot({ path: studioShot('2-reply-1280x800') });
  await shoot(viewer, 'cross-dialog');
  await viewer.setViewportSize(DESKTOP);
  await shoot(viewer, 'cross-dialog');

  writeFileSync(testOutput('viewer-studio', 'timing.json'), `${JSON.stringify({ viewerToStudioMs, studioToViewerMs }, null, 2)}\n`);
  console.log(`viewer → studio ${viewerToStudioMs} ms, studio → viewer ${studioToViewerMs} ms (2 shared cores, noisy)`);
  expect(viewerProblems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  expect(studio.problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
});
