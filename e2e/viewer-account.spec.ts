import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConversationPage, Message } from '@shared/protocol/messages';
import type { Video } from '@shared/protocol/videos';
import { DESKTOP, PHONE, openViewer, postVideo, registerCreator, shoot, startPlatform, type PlatformProcess } from './viewer-kit';

/**
 * The signed-in viewer (the platform's HttpOnly cookie session): top up the wallet, open the
 * creator's profile, message them; the creator (over the API, with a bearer token as the studio
 * does) reads it and replies, and the reply and the unread badge arrive live over the events socket.
 */
let platform: PlatformProcess;
let creatorToken: string;
let video: Video;

beforeAll(async () => {
  platform = await startPlatform();
  creatorToken = await registerCreator(platform.origin, 'dee_creator', 'Dee Creator');
  video = await postVideo(platform.origin, creatorToken, 'Gold frames for autumn', [
    { kind: 'tryon', role: 'target', itemId: 'round-frames', attributeId: 'gold', label: 'Round frames', x: 0.5, y: 0.35, startMs: 0, endMs: 4000, placement: 'near-item' },
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

const api = async (path: string, init: RequestInit = {}): Promise<unknown> => {
  const res = await fetch(`${platform.origin}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${creatorToken}`, 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

test('at 390×844: top up, open the creator’s profile, message them, get the reply live', async () => {
  const viewer = await openViewer(PHONE, platform.origin, '/signup');
  const { page } = viewer;
  try {
    await page.getByLabel('Handle').fill('vi_viewer');
    await page.getByLabel('Display name').fill('Vi Viewer');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Newest videos' }).waitFor();

    // The session survives a reload: it is the platform's cookie, not page state.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('link', { name: 'Wallet' }).click();
    await page.getByRole('button', { name: 'Buy 300 coins' }).click();
    await page.getByText('300 coins added.').waitFor();
    expect(await page.getByTestId('coins').textContent()).toBe('300');
    await page.locator('.entry').filter({ hasText: 'Top-up' }).filter({ hasText: '+300' }).waitFor();
    await page.getByLabel('Coins to buy').fill('0');
    await page.getByRole('button', { name: 'Custom amount' }).click();
    await page.getByText('Enter a whole number from 1 to 1,000,000.').waitFor();
    await shoot(page, 'wallet');

    await page.goto(`${platform.origin}/v/${video.id}`);
    await page.getByRole('link', { name: /Dee Creator · @dee_creator/ }).click();
    await page.getByRole('heading', { name: 'Dee Creator' }).waitFor();
    await page.getByRole('link', { name: video.title }).first().waitFor();
    await page
      .locator('img.cover')
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());
    await shoot(page, 'profile');
    await page.getByRole('button', { name: 'Message' }).click();
    await page.getByLabel('Write a message').fill('Hi! Where can I get these frames?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message.mine').filter({ hasText: 'Where can I get these frames?' }).waitFor();

    // The creator sees it unread, and replies.
    const list = ConversationPage.parse(await api('/conversations'));
    const conversation = list.conversations.find((c) => c.with.handle === 'vi_viewer')!;
    expect(conversation.unreadCount).toBe(1);
    Message.parse(
      await api(`/conversations/${conversation.id}/messages`, { method: 'POST', body: JSON.stringify({ text: 'In the catalog: try them on from my video!', idempotencyKey: 'reply-0001' }) }),
    );
    await page.locator('.message.theirs').filter({ hasText: 'try them on from my video' }).waitFor({ timeout: 20_000 });
    // Read on screen: the creator's reply does not stay counted as unread.
    await page.waitForFunction(() => document.querySelector('.tabs [data-testid="badge"]') === null, undefined, { timeout: 20_000 });
    await shoot(page, 'messages-dialog');

    // Away from the dialog, a new message shows as the Messages tab's badge, live.
    await page.getByRole('link', { name: 'For you' }).click();
    await api(`/conversations/${conversation.id}/messages`, { method: 'POST', body: JSON.stringify({ text: 'New look tomorrow.', idempotencyKey: 'reply-0002' }) });
    await page
      .getByRole('link', { name: /Messages/ })
      .getByTestId('badge')
      .filter({ hasText: '1' })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: /Messages/ }).click();
    await page.locator('.conversation-row').filter({ hasText: 'New look tomorrow.' }).waitFor();
    await shoot(page, 'messages');
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await shoot(page, 'notifications');
  } finally {
    await viewer.close();
  }
});

test('at 1280×800: wallet, profile, messages and notifications laid out for a laptop', async () => {
  const viewer = await openViewer(DESKTOP, platform.origin, '/signin?next=%2Fwallet');
  const { page } = viewer;
  try {
    await page.getByLabel('Handle').fill('vi_viewer');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByTestId('coins').filter({ hasText: '300' }).waitFor();
    await shoot(page, 'wallet');
    await page.goto(`${platform.origin}/@nobody_here`);
    await page.getByText('No one has this handle.').waitFor();
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByRole('heading', { name: 'Vi Viewer' }).waitFor();
    expect(await page.getByRole('button', { name: 'Message' }).count()).toBe(0);
    await page.goto(`${platform.origin}/@dee_creator`);
    await page.getByRole('link', { name: video.title }).first().waitFor();
    await page
      .locator('img.cover')
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());
    await shoot(page, 'profile');
    await page.getByRole('button', { name: 'Message' }).click();
    await page.locator('.message.theirs').filter({ hasText: 'New look tomorrow.' }).waitFor();
    await shoot(page, 'messages-dialog');
    await page.goto(`${platform.origin}/notifications`);
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await shoot(page, 'notifications');
    // Simplified Chinese, chosen in the header and kept for the next page.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '通知' }).waitFor();
    await page.goto(`${platform.origin}/wallet`);
    await page.getByRole('heading', { name: '钱包' }).waitFor();
    await page.getByRole('button', { name: '购买 300 金币' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shoot(page, 'wallet-zh-CN');
  } finally {
    await viewer.close();
  }
});

test('at 390×844: an order update arrives live as a system message with its guide item and as a notification on the bell', async () => {
  await api('/creators/me/customization', { method: 'PUT', body: JSON.stringify({ priceCoins: 100, description: 'A 30 s greeting in your favourite look', receiving: true }) });
  await api('/creators/me/customization/publish', { method: 'POST', body: '{}' });
  const viewer = await openViewer(PHONE, platform.origin, '/signin?next=%2F');
  const { page } = viewer;
  try {
    await page.getByLabel('Handle').fill('vi_viewer');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { name: 'Newest videos' }).waitFor();
    // The viewer orders (the order page is the orders issue's; here the page's own cookie session calls the API).
    const orderId = await page.evaluate(async () => {
      const res = await fetch('/api/v1/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ creatorHandle: 'dee_creator', info: { forWhom: 'My sister', address: 'Ana', occasion: 'Birthday' }, idempotencyKey: 'viewer-order-0001' }),
      });
      if (res.status !== 201) throw new Error(`order: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    });
    await api(`/orders/${orderId}/accept`, { method: 'POST', body: '{}' });
    // The bell counts the creator's acceptance, live.
    await page
      .locator('.bell [data-testid="badge"]')
      .filter({ hasText: /^[1-9]/ })
      .waitFor({ timeout: 20_000 });
    await shoot(page, 'bell-badge');
    await page.getByRole('link', { name: /Notifications/ }).click();
    const unread = page.locator('.notification.unread').first();
    await unread.waitFor();
    await shoot(page, 'notifications-unread');
    await unread.click();
    await page.locator('.bell [data-testid="badge"]').waitFor({ state: 'detached', timeout: 20_000 });
    // The conversation holds the order's system messages, each with its guide item.
    await page.getByRole('link', { name: /Messages/ }).click();
    await page.locator('.conversation-row').filter({ hasText: 'Dee Creator' }).click();
    const system = page.locator('.message.system').last();
    await system.waitFor();
    expect(await system.getByRole('link', { name: 'Details' }).count()).toBe(1);
    await shoot(page, 'messages-system');
  } finally {
    await viewer.close();
  }
});
