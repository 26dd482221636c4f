import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeWebcamArgs, fakeWebcamFile } from './fake-webcam';
import { testOutput } from './support/paths';
import { launchStudio, openPage, type StudioSession } from './support/studio';

/**
 * Issue 14, studio (streamer) side: the Live page opens the room on the embedded platform, a
 * viewer's gift (sent over the API, as the viewer app would) shows as an alert over the try-on
 * preview with its caption and message, the inbox unlocks its code and redeems it at the sandbox
 * merchant, a second gift converts to diamonds with the cut shown, a thanks reaches the sender; a
 * third, sent from the viewer app on a phone, is thanked with a clip recorded in the studio, which
 * plays in that viewer's sending state.
 */
const shot = (name: string): string => testOutput('live', `${name}.png`);

let studio: StudioSession;
let platformUrl: string;
let api: <T>(path: string, init?: { method?: string; token?: string; body?: unknown }) => Promise<{ status: number; body: T }>;

beforeAll(async () => {
  studio = await launchStudio({ path: '/settings', viewport: { width: 1280, height: 800 }, chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
  await studio.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.origin });
  platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!;
  api = async <T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${platformUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

type Gift = { id: string; state: string; thanks: { text: string | null; media?: { kind: string; url: string; mimeType?: string } | null } | null };

/** An <img>'s decoded width once it has loaded (0 while loading or when it failed). */
const loadedWidth = (img: Locator): Promise<number> => img.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0));

async function viewer(handle: string): Promise<string> {
  const { body } = await api<{ token: string }>('/auth/login', { method: 'POST', body: { handle, password: 'demo-viewer-pass' } });
  expect((await api('/wallet/top-up', { method: 'POST', token: body.token, body: { coins: 500, idempotencyKey: `e2e-live-top-up-${handle}` } })).status).toBe(201);
  return body.token;
}

describe('Live room in the studio (issue 14, streamer side)', () => {
  it('goes live, shows a gift’s alert, unlocks and redeems it, converts another, thanks the sender', async () => {
    const { page } = studio;
    const password = 'long-enough-pass';
    const streamerToken = async (): Promise<string> => (await api<{ token: string }>('/auth/login', { method: 'POST', body: { handle: 'e2e_streamer', password } })).body.token;
    expect((await api('/auth/register', { method: 'POST', body: { handle: 'e2e_streamer', password, displayName: 'E2E Streamer' } })).status).toBe(201);
    await page.getByRole('heading', { name: 'Platform account' }).waitFor();
    await page.getByRole('textbox', { name: 'Handle' }).fill('e2e_streamer');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 30_000 });

    await openPage(page, 'Live');
    await page.getByRole('textbox', { name: 'Room title' }).fill('Breakfast with Grace');
    await page.getByRole('button', { name: 'Go Live' }).click();
    await page.getByRole('status').filter({ hasText: 'On air' }).waitFor({ timeout: 20_000 });
    const rooms = await api<{ rooms: { id: string; title: string; streamer: { handle: string } }[] }>('/rooms?live=true');
    const room = rooms.body.rooms.find((r) => r.streamer.handle === 'e2e_streamer')!;
    expect(room.title).toBe('Breakfast with Grace');

    // A viewer sends flowers with a message: the alert shows over the preview.
    const ben = await viewer('viewer_ben');
    // The alert plays the gift's own sound from the platform (the volume is at its default, not muted).
    const sound = page.waitForResponse((res) => /\/api\/v1\/gift-media\/bundle-of-flowers\/sound$/.test(res.url()), { timeout: 20_000 });
    const sent = await api<Gift>(`/rooms/${room.id}/gifts`, {
      method: 'POST',
      token: ben,
      body: { giftId: 'bundle-of-flowers', message: 'Good morning, Grace!', idempotencyKey: 'e2e-live-ben-0001' },
    });
    expect(sent.status).toBe(201);
    const alert = page.getByRole('status', { name: 'Gift alert' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('A bundle of flowers received');
    expect(await alert.textContent()).toContain('Good morning, Grace!');
    await page.getByRole('listitem', { name: 'Gift from @viewer_ben: A bundle of flowers' }).waitFor();
    // The alert plays the gift's animation, the feed shows its picture: both from the platform, past the studio's CSP and COEP.
    const animation = alert.getByTestId('gift-animation');
    expect(await animation.getAttribute('src')).toMatch(/\/api\/v1\/gift-media\/bundle-of-flowers\/animation$/);
    await expect.poll(() => loadedWidth(animation), { timeout: 10_000 }).toBe(128);
    await expect.poll(() => loadedWidth(page.getByRole('listitem', { name: 'Gift from @viewer_ben: A bundle of flowers' }).getByTestId('gift-image'))).toBe(128);
    const soundResponse = await sound;
    expect(soundResponse.status()).toBeLessThan(300);
    expect(soundResponse.headers()['content-type']).toBe('audio/mpeg');
    await page.screenshot({ path: shot('1-alert-1280x800') });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: shot('1-alert-1400x900') });
    await page.setViewportSize({ width: 1280, height: 800 });
    // Shown to the streamer: the sender sees it as seen.
    await expect.poll(async () => (await api<Gift>(`/gifts/${sent.body.id}`, { token: ben })).body.state, { timeout: 15_000 }).toBe('seen');

    // Unlock: the code shows, copies, and goes to the sandbox merchant.
    const card = page.getByRole('article', { name: 'A bundle of flowers from @viewer_ben' });
    await card.getByRole('button', { name: 'Unlock' }).click();
    const code = card.getByTestId('redemption-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^FL [0-9 ]+ [A-Z]{3}$/);
    await card.getByRole('button', { name: 'Copy code' }).click();
    await card.getByRole('button', { name: 'Copied' }).waitFor();
    await card.getByRole('button', { name: 'Send to merchant' }).click();
    await card.getByText('Redeemed at the merchant: A bouquet').waitFor({ timeout: 15_000 });
    expect((await api<Gift>(`/gifts/${sent.body.id}`, { token: ben })).body.state).toBe('unlocked');

    // Another viewer's gift: converted, with the diamonds and the platform's cut shown.
    const chi = await viewer('viewer_chi');
    const second = await api<Gift>(`/rooms/${room.id}/gifts`, { method: 'POST', token: chi, body: { giftId: 'bundle-of-flowers', idempotencyKey: 'e2e-live-chi-0001' } });
    expect(second.status).toBe(201);
    const card2 = page.getByRole('article', { name: 'A bundle of flowers from @viewer_chi' });
    await card2.waitFor({ timeout: 20_000 });
    expect(await card2.textContent()).toMatch(/Converts to diamonds by itself in \d+:\d\d:\d\d/);
    await card2.getByRole('button', { name: /Convert to diamonds/ }).click();
    await card2.getByText('+27 diamonds (platform cut 9)').waitFor({ timeout: 15_000 });
    await page.getByText('◆ 27 diamonds').waitFor();

    // Thanks with text: the sender's gift shows it.
    await card2.getByRole('button', { name: 'Thank' }).click();
    const form = page.getByRole('form', { name: 'Thank @viewer_chi' });
    await form.getByRole('textbox', { name: 'Thanks message' }).fill('Thank you for the flowers!');
    await form.getByRole('button', { name: 'Send thanks' }).click();
    await card2.getByText('Thanked: “Thank you for the flowers!”').waitFor({ timeout: 15_000 });
    const thanked = (await api<Gift>(`/gifts/${second.body.id}`, { token: chi })).body;
    expect(thanked).toMatchObject({ state: 'thanked', thanks: { text: 'Thank you for the flowers!' } });

    // Thanks with a picture: the preview's current frame, uploaded to the platform as the thanks' media.
    await card.getByRole('button', { name: 'Thank' }).click();
    const pictureForm = page.getByRole('form', { name: 'Thank @viewer_ben' });
    await pictureForm.getByRole('button', { name: 'Use the preview' }).click();
    await pictureForm.getByText('Picture: live-snapshot.png').waitFor();
    await pictureForm.getByRole('button', { name: 'Send thanks' }).click();
    await card.getByText('Thanked with a picture', { exact: true }).waitFor({ timeout: 15_000 });
    const withPicture = (await api<Gift & { thanks: { mediaUploadId: string | null } | null }>(`/gifts/${sent.body.id}`, { token: ben })).body;
    expect(withPicture).toMatchObject({ state: 'thanked', thanks: { text: null, mediaUploadId: expect.stringMatching(/^upl_/), media: { kind: 'picture', mimeType: 'image/png' } } });
    // The sender can fetch the kept picture; the other viewer cannot.
    const pictureUrl = `${platformUrl}${withPicture.thanks!.media!.url}`;
    const forBen = await fetch(pictureUrl, { headers: { authorization: `Bearer ${ben}` } });
    expect(forBen.status).toBe(200);
    expect(forBen.headers.get('content-type')).toBe('image/png');
    expect((await fetch(pictureUrl, { headers: { authorization: `Bearer ${chi}` } })).status).toBe(404);

    // Thanks with a clip recorded in the studio, for a viewer who sent a free heart from the viewer app (a phone, 390×844).
    const phone = await studio.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    try {
      const fan = await phone.newPage();
      await fan.goto(`${platformUrl}/signup`);
      await fan.getByLabel('Handle').fill('dee_fan');
      await fan.getByLabel('Display name').fill('Dee Fan');
      await fan.getByLabel('Password').fill('viewer-pass-1');
      await fan.getByRole('button', { name: 'Create account' }).click();
      await fan.getByRole('button', { name: 'Sign out' }).waitFor();
      await fan.goto(`${platformUrl}/live/${room.id}`);
      await fan.getByRole('button', { name: 'Choose Heart' }).click();
      await fan.getByRole('button', { name: 'Send · Free' }).click();
      await fan.getByText('Heart sent.').waitFor();

      const card3 = page.getByRole('article', { name: 'Heart from @dee_fan' });
      await card3.waitFor({ timeout: 20_000 });
      await card3.getByRole('button', { name: 'Thank' }).click();
      const clipForm = page.getByRole('form', { name: 'Thank @dee_fan' });
      await clipForm.getByRole('textbox', { name: 'Thanks message' }).fill('Thanks for the heart, Dee!');
      await clipForm.getByRole('button', { name: 'Record a clip (≤ 15 s)' }).click();
      // A 1 s countdown, then the seconds left out of 15 and Stop.
      const left = clipForm.getByRole('timer', { name: 'Time left in the clip' });
      await left.filter({ hasText: /^Recording: 0:1[0-4] left$/ }).waitFor({ timeout: 15_000 });
      await card3.scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot('4-recording-clip-1280x800') });
      expect(await clipForm.getByRole('button', { name: 'Send thanks' }).isDisabled()).toBe(true);
      await left.filter({ hasText: /^Recording: 0:1[0-2] left$/ }).waitFor({ timeout: 15_000 });
      await clipForm.getByRole('button', { name: 'Stop' }).click();
      const attached = clipForm.getByTestId('thanks-clip-attached');
      await attached.waitFor({ timeout: 30_000 });
      expect(await attached.textContent()).toMatch(/^Clip: 0:0[2-5]$/);
      await page.screenshot({ path: shot('5-clip-attached-1280x800') });
      await clipForm.getByRole('button', { name: 'Send thanks' }).click();
      await card3.getByText('Thanked with a clip: “Thanks for the heart, Dee!”').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: shot('6-thanked-with-clip-1280x800') });

      // The viewer's sending state: thanked, the clip plays in a <video> through their cookie session.
      const sentHeart = fan.getByTestId('sent-gift').filter({ hasText: 'Heart' });
      await sentHeart.getByTestId('sending-state').filter({ hasText: 'The streamer thanked you' }).waitFor({ timeout: 20_000 });
      const video = sentHeart.getByTestId('thanks-clip');
      expect(await video.getAttribute('aria-label')).toBe('Thank-you clip from E2E Streamer');
      const loaded = async (): Promise<{ duration: number; width: number }> =>
        video.evaluate((el) => {
          const v = el as HTMLVideoElement;
          return { duration: v.readyState >= 1 ? v.duration : 0, width: v.videoWidth };
        });
      await expect.poll(async () => (await loaded()).width, { timeout: 20_000 }).toBeGreaterThan(0);
      const { duration } = await loaded();
      expect(duration).toBeGreaterThan(1.5);
      expect(duration).toBeLessThanOrEqual(15);
      await video.scrollIntoViewIfNeeded();
      await fan.screenshot({ path: shot('7-viewer-thanks-clip-390x844') });
      const heartGift = (await api<{ gifts: (Gift & { sender: { handle: string } })[] }>('/gifts/received', { token: await streamerToken() })).body.gifts.find((g) => g.sender.handle === 'dee_fan')!;
      expect(heartGift.thanks).toMatchObject({ text: 'Thanks for the heart, Dee!', media: { kind: 'clip', mimeType: 'video/mp4' } });
    } finally {
      await phone.close();
    }

    // Session stats and the leaderboard with medals.
    const stats = page.getByRole('definition').filter({ hasText: /^\d+$/ });
    expect(await stats.count()).toBeGreaterThanOrEqual(3);
    await page
      .getByRole('listitem', { name: 'Rank 1: @viewer_ben' })
      .or(page.getByRole('listitem', { name: 'Rank 1: @viewer_chi' }))
      .waitFor({ timeout: 15_000 });
    await page.getByText('Feeding star').waitFor();
    await page.getByText('Feeding energy hand').waitFor();
    await page.screenshot({ path: shot('2-inbox-1280x800') });

    // In Simplified Chinese: the same live session, every label translated (medals too).
    await openPage(page, 'Settings');
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh-CN');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '直播' }).click();
    await page.getByRole('heading', { name: '直播', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '礼物收件箱' }).waitFor();
    await page.getByText('投喂之星').waitFor();
    // Coming back to the page keeps what the actions answered this session (the code is shown only once).
    await page.getByText('+27 钻石（平台抽成 9）').waitFor();
    await page.getByTestId('redemption-code').waitFor();
    await page.screenshot({ path: shot('3-zh-CN-1280x800') });

    // End: the room closes on the platform.
    await page.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('button', { name: '开始直播' }).waitFor({ timeout: 15_000 });
    expect((await api<{ state: string }>(`/rooms/${room.id}`)).body.state).toBe('closed');
    expect(studio.problems.filter((p) => !/favicon|camera|getUserMedia/i.test(p))).toEqual([]);
  });
});
