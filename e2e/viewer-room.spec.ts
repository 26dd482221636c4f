import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localDateTime, zonedTimeToInstant } from '@shared/domain/gifts/windows';
import { AuthResponse } from '@shared/protocol/auth';
import { ReceivedGiftPage } from '@shared/protocol/gifts';
import { Leaderboard } from '@shared/protocol/leaderboards';
import { Room } from '@shared/protocol/rooms';
import { testOutput } from './support/paths';
import { DESKTOP, PHONE, openViewer, postVideo, registerCreator, shoot, startPlatformWithClock, type InProcessPlatform } from './viewer-kit';

/**
 * The viewer's live room (issue 14) against a platform whose clock the test sets: a streamer opens
 * a room in Asia/Shanghai over the API; a viewer at 390×844 finds it in the live list, is refused
 * for want of coins (the shortfall and a top-up link back to the room), tops up and sends a
 * breakfast gift with a message at 08:30 room time; the streamer's app (over the API) acknowledges,
 * unlocks, converts another gift and thanks, and each step reaches the viewer's page live; the
 * board shows the viewer with the top medal; at 09:00 the breakfast gifts close on the open page.
 */
const ZONE = 'Asia/Shanghai';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The test's day in the room's zone: tomorrow there, so the clock starts ahead of the real one. */
const day = localDateTime(Date.now() + DAY_MS, ZONE);
let offset = 0;
const clock = (): number => Date.now() + offset;
/** Moves the platform's clock to a wall time on the test's day in the room's zone; forward only. */
function setRoomTime(hour: number, minute: number, second = 0): void {
  const target = zonedTimeToInstant({ year: day.year, month: day.month, day: day.day, hour, minute }, ZONE) + second * 1000;
  if (target < clock()) throw new Error('the test clock only moves forward');
  offset = target - Date.now();
}

let platform: InProcessPlatform;
let streamerToken: string;
let room: Room;

const api = async (path: string, token: string | null, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${platform.origin}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

/** An <img>'s decoded width once it has loaded (0 while loading or when it failed). */
const loadedWidth = (img: Locator): Promise<number> => img.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0));

/** A 240×160 PNG made with ffmpeg, uploaded over tus as `token`'s: a thanks picture. */
async function uploadPicture(token: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'thanks-'));
  const file = path.join(dir, 'thanks.png');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=240x160', '-frames:v', '1', file]);
  const bytes = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await fetch(`${platform.origin}/api/v1/uploads`, { method: 'POST', headers: { ...auth, 'upload-length': String(bytes.length) } });
  if (created.status !== 201) throw new Error(`upload: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, platform.origin).toString();
  const patched = await fetch(location, { method: 'PATCH', headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
  if (patched.status !== 204) throw new Error(`upload patch: ${patched.status}`);
  return location.split('/').at(-1)!;
}

beforeAll(async () => {
  setRoomTime(8, 30);
  platform = await startPlatformWithClock(clock);
  streamerToken = await registerCreator(platform.origin, 'mei_live', 'Mei Live');
  await postVideo(platform.origin, streamerToken, 'Breakfast tour', []);
  room = Room.parse(await api('/rooms', streamerToken, { title: 'Morning market walk', timeZone: ZONE }));
});

afterAll(async () => {
  await platform?.stop();
});

test('at 390×844: find the room, top up after a 402, send a breakfast gift with a message, follow it live to thanks; breakfast closes at 09:00', async () => {
  const viewer = await openViewer(PHONE, platform.origin, '/signup');
  const { page } = viewer;
  try {
    await page.getByLabel('Handle').fill('ana_fan');
    await page.getByLabel('Display name').fill('Ana Fan');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // The header's Live tab → the list → the room.
    await page.getByRole('link', { name: 'Live', exact: true }).click();
    await page.getByRole('heading', { name: 'Live now' }).waitFor();
    await page.getByTestId('room-card').filter({ hasText: 'Morning market walk' }).waitFor();
    await shoot(page, 'live-list');
    await page.getByTestId('room-card').filter({ hasText: 'Morning market walk' }).click();
    await page.getByRole('heading', { name: 'Morning market walk' }).waitFor();
    expect(page.url()).toBe(`${platform.origin}/live/${room.id}`);
    // The viewer's own presence counts (the platform publishes it on the room's topic).
    await page.getByTestId('viewers').filter({ hasText: '1 watching' }).waitFor();

    // Breakfast is on the menu at 08:30 room time: 30 minutes to go by the platform's clock.
    const breakfast = page.getByTestId('gift-bread-party');
    expect(await breakfast.getAttribute('data-open')).toBe('true');
    expect(await breakfast.getByTestId('gift-window').textContent()).toMatch(/^Closes in (30:00|2\d:\d\d)$/);
    expect(await page.getByTestId('gift-hot-pot').getByTestId('gift-window').textContent()).toMatch(/^Opens \w{3} 18:00$/);
    expect(await page.getByTestId('gift-heart').getByTestId('gift-window').textContent()).toBe('10 left today');
    // Each gift shows its picture from the platform (the 128×128 SVG loaded, not the letter badge).
    await expect.poll(() => loadedWidth(breakfast.getByTestId('gift-picture'))).toBe(128);
    expect(await page.getByTestId('gift-picture').count()).toBe(11);
    expect(await breakfast.getByTestId('gift-picture').getAttribute('src')).toBe('/api/v1/gift-media/bread-party/image');

    // No coins yet: the shortfall and a top-up link that comes back to the room.
    await page.getByRole('button', { name: 'Choose Bread party' }).click();
    await page.getByLabel('Message (optional)').fill('Good morning! Breakfast is on me!');
    await page.getByRole('button', { name: /^Send · 36 coins$/ }).click();
    await page.getByText('You need 36 more coins for Bread party.').waitFor();
    await shoot(page, 'room-shortfall');
    const topUp = page.getByRole('link', { name: 'Top up coins' });
    expect(await topUp.getAttribute('href')).toBe(`/wallet?back=${encodeURIComponent(`/live/${room.id}`)}`);
    await topUp.click();
    await page.getByRole('button', { name: 'Buy 300 coins' }).click();
    await page.getByText('300 coins added.').waitFor();
    // The wallet offers the way back to the room the top-up started from.
    await page.getByRole('link', { name: '← Back to the live room' }).click();
    await page.getByRole('heading', { name: 'Morning market walk' }).waitFor();

    // Send with a message (over 140 characters is refused at the field, before any call).
    await page.getByRole('button', { name: 'Choose Bread party' }).click();
    await page.getByLabel('Message (optional)').fill('早'.repeat(141));
    await page.getByText('A message is at most 140 characters (141 now).').waitFor();
    expect(await page.getByRole('button', { name: /^Send · 36 coins$/ }).isDisabled()).toBe(true);
    await page.getByLabel('Message (optional)').fill('Good morning! Breakfast is on me');
    await page.getByRole('button', { name: /^Send · 36 coins$/ }).click();
    await page.getByText('Bread party sent.').waitFor();
    // Sending plays the gift's animation over the page, once.
    expect(await page.getByTestId('gift-burst').locator('img').getAttribute('src')).toBe('/api/v1/gift-media/bread-party/animation');
    await shoot(page, 'room-sent-animation');
    await page.getByTestId('gift-burst').waitFor({ state: 'detached' });
    const sent = page.getByTestId('sent-gift').filter({ hasText: 'Bread party' });
    await expect.poll(() => loadedWidth(sent.getByTestId('gift-picture'))).toBe(128);
    await sent.getByText('“Good morning! Breakfast is on me”').waitFor();
    await page.getByTestId('notice').filter({ hasText: '@ana_fan sent Bread party' }).waitFor();

    // The streamer's app acknowledges: delivered, then seen — each reaches the page live.
    const inbox = ReceivedGiftPage.parse(await api('/gifts/received', streamerToken));
    const bread = inbox.gifts.find((g) => g.giftId === 'bread-party')!;
    expect(bread).toMatchObject({ message: 'Good morning! Breakfast is on me', sender: { handle: 'ana_fan' } });
    await api(`/gifts/${bread.id}/receipt`, streamerToken, { state: 'delivered' });
    await sent.getByTestId('sending-state').filter({ hasText: 'Delivered to the streamer' }).waitFor();
    await shoot(page, 'room-delivered');
    await api(`/gifts/${bread.id}/receipt`, streamerToken, { state: 'seen' });
    await sent.getByTestId('sending-state').filter({ hasText: 'Seen by the streamer' }).waitFor();
    await api(`/gifts/${bread.id}/unlock`, streamerToken, {});
    await sent.getByTestId('sending-state').filter({ hasText: 'Unlocked: the streamer gets the real thing' }).waitFor();
    // Thanks with a picture: the sender sees it in the page (a 240×160 PNG through their cookie session).
    await api(`/gifts/${bread.id}/thanks`, streamerToken, { text: 'Thank you Ana, the bread was warm!', mediaUploadId: await uploadPicture(streamerToken) });
    await sent.getByTestId('sending-state').filter({ hasText: 'The streamer thanked you' }).waitFor();
    await sent.getByTestId('thanks').filter({ hasText: 'Thank you Ana, the bread was warm!' }).waitFor();
    await expect.poll(() => loadedWidth(sent.getByTestId('thanks-picture'))).toBe(240);
    expect(await sent.getByTestId('thanks-picture').getAttribute('alt')).toBe('Thank-you picture from Mei Live');
    // Nobody signed out (nor any other viewer: platform/features/gifts/thanks-media.test.ts) reads it.
    expect((await fetch(`${platform.origin}/api/v1/gifts/${bread.id}/thanks-media`)).status).toBe(401);
    expect(await sent.getAttribute('data-state')).toBe('thanked');

    // A second breakfast gift, converted to diamonds by the streamer.
    await page.getByRole('button', { name: 'Choose Egg' }).click();
    await page.getByRole('button', { name: /^Send · 6 coins$/ }).click();
    await page.getByText('Egg sent.').waitFor();
    const egg = ReceivedGiftPage.parse(await api('/gifts/received', streamerToken)).gifts.find((g) => g.giftId === 'egg')!;
    await api(`/gifts/${egg.id}/convert`, streamerToken, {});
    await page.getByTestId('sent-gift').filter({ hasText: 'Egg' }).getByTestId('sending-state').filter({ hasText: 'Converted to diamonds' }).waitFor();

    // A free Heart: today's allowance goes down by one.
    await page.getByRole('button', { name: 'Choose Heart' }).click();
    await page.getByRole('button', { name: /^Send · Free$/ }).click();
    await page.getByText('Heart sent.').waitFor();
    await page.getByTestId('gift-heart').getByTestId('gift-window').filter({ hasText: '9 left today' }).waitFor();

    // The board: the viewer first, with the top medal and a level; the popularity has grown.
    const board = Leaderboard.parse(await api(`/rooms/${room.id}/leaderboard`, null));
    expect(board.rows[0]).toMatchObject({ rank: 1, viewer: { handle: 'ana_fan' }, feedingValue: 42, medal: 'feeding_star' });
    const top = page.getByTestId('board-row').first();
    await top.filter({ hasText: 'Ana Fan' }).filter({ hasText: '42 feeding' }).waitFor();
    expect(await top.getByTestId('medal').textContent()).toBe('Feeding star');
    expect(await top.textContent()).toContain(`Lv ${board.rows[0]!.level}`);
    await page.getByTestId('popularity').filter({ hasText: 'Popularity 4,200' }).waitFor();
    await shoot(page, 'room-thanked');

    // A reload shows the gifts sent from this tab again, at their states, with the thanks.
    await page.reload();
    await page.getByTestId('sent-gift').filter({ hasText: 'Bread party' }).getByTestId('thanks').filter({ hasText: 'Thank you Ana, the bread was warm!' }).waitFor();
    await expect.poll(() => loadedWidth(page.getByTestId('thanks-picture'))).toBe(240);
    await page.getByTestId('sent-gift').filter({ hasText: 'Egg' }).getByTestId('sending-state').filter({ hasText: 'Converted to diamonds' }).waitFor();
    expect(await page.getByTestId('sent-gift').count()).toBe(3);
    await page.screenshot({ path: testOutput('viewer', 'room-full-390x844.png'), fullPage: true });

    // 09:00 room time comes while the page is open: the platform's clock moves to 08:59:45 and the
    // next room event (another viewer joining) carries its time; the countdown runs out and
    // breakfast moves to closed with its next window — no reload.
    const ben = AuthResponse.parse(await api('/auth/register', null, { handle: 'ben_fan', password: 'viewer-pass-2', displayName: 'Ben Fan' })).token;
    setRoomTime(8, 59, 45);
    await api(`/rooms/${room.id}/presence`, ben, { present: true });
    await breakfast
      .getByTestId('gift-window')
      .filter({ hasText: /^Closes in 0:(0\d|1[0-5])$/ })
      .waitFor();
    await breakfast
      .getByTestId('gift-window')
      .filter({ hasText: /^Opens \w{3} 07:00$/ })
      .waitFor();
    expect(await breakfast.getAttribute('data-open')).toBe('false');
    expect(await page.getByTestId('gift-egg').getAttribute('data-open')).toBe('false');
    expect(await page.getByTestId('gift-bundle-of-flowers').getAttribute('data-open')).toBe('true');
    expect(await page.getByRole('button', { name: 'Choose Bread party' }).isDisabled()).toBe(true);
    await breakfast.scrollIntoViewIfNeeded();
    await shoot(page, 'room-breakfast-closed');
    // Expected answers the browser logs: 401 to the signed-out session check before sign-up, the 402.
    expect(viewer.problems.filter((p) => !/status of 40[12]/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 1280×800: the list, the room (signed out) and the streamer’s profile with “Live now”', async () => {
  const viewer = await openViewer(DESKTOP, platform.origin, '/live');
  const { page } = viewer;
  try {
    await page.getByTestId('room-card').filter({ hasText: 'Morning market walk' }).waitFor();
    await shoot(page, 'live-list');
    await page.getByTestId('room-card').first().click();
    await page.getByRole('heading', { name: 'Morning market walk' }).waitFor();
    await page.getByRole('link', { name: 'Sign in to send gifts' }).waitFor();
    await page.getByTestId('board-row').first().filter({ hasText: 'Ana Fan' }).waitFor();
    await shoot(page, 'room-signed-out');
    const roomUrl = page.url();
    // The same room in Simplified Chinese (gift names, windows, medals translated).
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '投喂榜' }).waitFor();
    await page.getByTestId('board-row').first().getByText('投喂之星').waitFor();
    await page.getByTestId('gift-bread-party').getByText('面包派对').waitFor();
    await shoot(page, 'room-zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Feeding board' }).waitFor();
    // Last month's board (a period key) is empty; this month's has the viewer again.
    await page.getByRole('button', { name: 'Last month' }).click();
    await page.getByText('No gifts last month.').waitFor();
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByTestId('board-row').first().filter({ hasText: 'Ana Fan' }).waitFor();

    await page.goto(`${platform.origin}/@mei_live`);
    const slot = page.getByTestId('live-slot');
    await slot.getByText('Live now').waitFor();
    await slot.getByRole('link', { name: 'Watch Morning market walk' }).click();
    await page.getByRole('heading', { name: 'Morning market walk' }).waitFor();
    await page.goto(`${platform.origin}/@mei_live`);
    await page.getByTestId('live-slot').getByText('Live now').waitFor();
    await shoot(page, 'profile-live');

    // The room closes while its page is open: it says so live; the list empties and the profile says so.
    // The close must come after the page listens on the room's topic, or it has nothing to say live.
    const listening = new Promise<void>((resolve) => {
      page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => String(payload).includes('"subscribed"') && String(payload).includes(`room:${room.id}`) && resolve()));
    });
    await page.goto(roomUrl);
    await page.getByTestId('popularity').waitFor();
    await listening;
    await api(`/rooms/${room.id}/close`, streamerToken, {});
    await page.getByText('This live has ended. Gifts can be sent while the streamer is live.').waitFor();
    await page.getByText('Ended', { exact: true }).waitFor();
    // Nothing can be sent any more: the menu and the viewer count go.
    await page.getByTestId('gift-heart').waitFor({ state: 'detached' });
    expect(await page.getByTestId('viewers').count()).toBe(0);
    await shoot(page, 'room-ended');
    await page.goto(`${platform.origin}/live`);
    await page.getByText('No one is live right now. Come back later.').waitFor();
    await page.goto(`${platform.origin}/@mei_live`);
    await page.getByTestId('live-slot').getByText('Not live right now').waitFor();
    // Signed out, the session check (GET /me) answers 401: that is not a problem of the page.
    expect(viewer.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});
