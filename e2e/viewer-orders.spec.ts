import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Order } from '@shared/protocol/orders';
import type { Video } from '@shared/protocol/videos';
import type { Page } from 'playwright-core';
import { testOutput } from './support/paths';
import { DESKTOP, PHONE, apiAs, openViewer, postVideo, registerCreator, shoot, startPlatform, uploadClip, type PlatformProcess } from './viewer-kit';

/**
 * Issue 13, the viewer's side: a viewer with too few coins orders a custom video on a creator's
 * intro page (the creator set up and published the service over the API, as the studio does),
 * tops up and comes back to the same payment, pays; the creator accepts and delivers a real MP4;
 * the viewer's detail page shows it live, plays it and comments.
 */
let platform: PlatformProcess;
let creator: (path: string, init?: RequestInit) => Promise<unknown>;
let creatorToken: string;
let video: Video;
let orderId: string;
const PRICE = 500;

beforeAll(async () => {
  platform = await startPlatform();
  creatorToken = await registerCreator(platform.origin, 'kim_creator', 'Kim Creator');
  creator = apiAs(platform.origin, creatorToken);
  const introUploadId = await uploadClip(platform.origin, creatorToken);
  await creator('/creators/me/customization', {
    method: 'PUT',
    body: JSON.stringify({ priceCoins: PRICE, description: 'A 30-second greeting in the look of your choice, sung or spoken.', introUploadId, receiving: true }),
  });
  await creator('/creators/me/customization/publish', { method: 'POST', body: '{}' });
  video = await postVideo(platform.origin, creatorToken, 'Ruby lips for the weekend', [
    { kind: 'tryon', role: 'target', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red', label: 'Ruby lipstick', x: 0.5, y: 0.6, startMs: 0, endMs: 4000, placement: 'near-item' },
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`${platform.origin}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Handle').fill('ana_viewer');
  await page.getByLabel('Password').fill('viewer-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

/** When an element matching `selector` first appeared, in the page's epoch milliseconds (a MutationObserver, no polling). */
async function watchFor(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __seenAt?: number };
    delete w.__seenAt;
    new MutationObserver((_m, observer) => {
      if (document.querySelector(sel)) {
        w.__seenAt = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  }, selector);
}

test('at 390×844: too few coins → top up → back to the same payment → pay; accepted and delivered live; watch and comment', async () => {
  const viewer = await openViewer(PHONE, platform.origin, '/signup');
  const { page } = viewer;
  try {
    await page.getByLabel('Handle').fill('ana_viewer');
    await page.getByLabel('Display name').fill('Ana Viewer');
    await page.getByLabel('Password').fill('viewer-pass-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Newest videos' }).waitFor();

    // The creator's profile carries the customization anchor; it opens the introduction.
    await page.goto(`${platform.origin}/@kim_creator`);
    await page.getByRole('link', { name: /Custom video/ }).click();
    await page.getByRole('button', { name: 'Tap to play the introduction' }).waitFor();
    await page.getByTestId('price').filter({ hasText: '500 coins per video' }).waitFor();
    await page.getByText('How it works').waitFor();
    await page
      .locator('video.intro-video')
      .evaluate((v: HTMLVideoElement) => new Promise((resolve) => (v.readyState >= 2 ? resolve(null) : v.addEventListener('loadeddata', () => resolve(null), { once: true }))));
    await shoot(page, 'order-intro');
    // Tapping the area hides the text and plays the introduction.
    await page.getByRole('button', { name: 'Tap to play the introduction' }).click();
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('video.intro-video');
      return v !== null && !v.paused && v.currentTime > 0.2;
    });
    expect(await page.locator('.intro-overlay').count()).toBe(0);

    await page.getByRole('button', { name: 'Request a video' }).click();
    // Step 1 of 3 at this width: Next checks only this step's fields.
    await page.getByText('Step 1 of 3').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#address-error').filter({ hasText: 'Fill this in.' }).waitFor();
    await page.getByLabel('Other', { exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#name-error').filter({ hasText: 'Say who the video is for.' }).waitFor();
    await shoot(page, 'order-form-errors');
    await page.getByLabel('Family', { exact: true }).check();
    await page.getByLabel('Their name').fill('Zhang Wei');
    await page.getByLabel('How to address them').fill('Grandpa Zhang');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 2 of 3').waitFor();
    await page.getByLabel('Birthday', { exact: true }).check();
    await shoot(page, 'order-form-occasion');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 3 of 3').waitFor();
    const instructions = page.getByLabel('Instructions (optional)');
    await instructions.fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.locator('#instructions-error').filter({ hasText: 'At most 500 characters.' }).waitFor();
    await instructions.fill('He turns 80: please sing “Happy birthday” and wear the ruby lipstick.');
    await shoot(page, 'order-form-instructions');
    // Back keeps what was typed.
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByLabel('Birthday', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Continue to payment' }).click();

    // Short: 0 coins for a 500-coin video.
    await page.getByRole('heading', { name: 'Payment' }).waitFor();
    await page.getByText('You need 500 more coins.').waitFor();
    expect(await page.getByTestId('balance').textContent()).toBe('0');
    expect(await page.getByRole('button', { name: 'Confirm payment' }).isDisabled()).toBe(true);
    await shoot(page, 'order-pay-short');
    await page.getByRole('link', { name: 'Top up' }).click();
    await page.getByRole('heading', { name: 'Wallet' }).waitFor();
    await page.getByRole('button', { name: 'Buy 980 coins' }).click();
    await page.getByText('980 coins added.').waitFor();
    await shoot(page, 'order-wallet-back');
    await page.getByRole('link', { name: /Back to payment/ }).click();
    // The same payment, with the request kept: 980 now, 480 after.
    await page.getByTestId('balance').filter({ hasText: '980' }).waitFor();
    expect(await page.getByTestId('balance-after').textContent()).toBe('480');
    await page.getByText('Birthday video for Zhang Wei from Kim Creator').waitFor();
    await shoot(page, 'order-pay');
    await page.getByRole('button', { name: 'Confirm payment' }).click();

    await page.locator('.tag.state-pending_acceptance').waitFor();
    orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page
      .getByTestId('countdown')
      .filter({ hasText: /To be accepted within (1 d 23:5\d:\d\d|2 d 00:00:00)/ })
      .waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).waitFor();
    await shoot(page, 'order-detail-pending');
    // My orders: the state and a countdown that ticks (nothing is fetched for it).
    await page.getByRole('link', { name: /My orders/ }).click();
    const row = page.locator('.order-row').filter({ hasText: 'Waiting for acceptance' });
    const first = await row.getByTestId('countdown').textContent();
    await page.waitForFunction((before) => document.querySelector('.order-row [data-testid="countdown"]')?.textContent !== before, first, { timeout: 10_000 });
    await shoot(page, 'orders-list-pending');
    await row.click();
    await page.locator('.tag.state-pending_acceptance').waitFor();
    const placed = Order.parse(await creator(`/orders/${orderId}`));
    expect(placed.state).toBe('pending_acceptance');
    expect(placed.info).toEqual({
      forWhom: 'Family',
      name: 'Zhang Wei',
      address: 'Grandpa Zhang',
      occasion: 'Birthday',
      instructions: 'He turns 80: please sing “Happy birthday” and wear the ruby lipstick.',
    });

    // The creator accepts: live, without a reload.
    await creator(`/orders/${orderId}/accept`, { method: 'POST', body: '{}' });
    await page.locator('.tag.state-accepted').waitFor({ timeout: 20_000 });
    await page.getByTestId('countdown').filter({ hasText: 'Video due within' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel request' }).count()).toBe(0);
    await shoot(page, 'order-detail-accepted');

    // The creator delivers a real MP4; time from the deliver call to "Video received" on screen.
    const uploadId = await uploadClip(platform.origin, creatorToken);
    await watchFor(page, '.tag.state-delivered');
    const sentAt = Date.now();
    await creator(`/orders/${orderId}/deliver`, { method: 'POST', body: JSON.stringify({ uploadId, idempotencyKey: `deliver-${orderId}` }) });
    const answeredAt = Date.now();
    await page.locator('.tag.state-delivered').filter({ hasText: 'Video received' }).waitFor({ timeout: 20_000 });
    const seenAt = await page.evaluate(() => (window as unknown as { __seenAt: number }).__seenAt);
    const timing = { deliverCallToVideoReceivedMs: Math.round(seenAt - sentAt), deliverAnswerMs: answeredAt - sentAt };
    writeFileSync(testOutput('viewer', 'order-delivery-timing.json'), JSON.stringify(timing, null, 2));
    console.log('viewer orders timing', timing);
    expect(await page.locator('.progress li.reached').count()).toBe(3);

    // Watch: the cookie session streams GET /orders/:id/video.
    // The player's events, reported if it does not play.
    await page.locator('video.order-video').evaluate((v: HTMLVideoElement) => {
      const w = window as unknown as { __ev: string[] };
      w.__ev = [];
      for (const e of ['loadedmetadata', 'play', 'playing', 'pause', 'waiting', 'stalled', 'error', 'emptied', 'abort', 'ended'])
        v.addEventListener(e, () => w.__ev.push(`${e}@${v.currentTime.toFixed(2)}/${v.readyState}`));
    });
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video.order-video')?.readyState ?? 0) >= 1, undefined, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Watch' }).click();
    try {
      await page.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>('video.order-video');
          return v !== null && v.readyState >= 2 && v.currentTime > 0.5;
        },
        undefined,
        { timeout: 30_000 },
      );
    } catch (error) {
      const state = await page.locator('video.order-video').evaluate((v: HTMLVideoElement) => ({
        readyState: v.readyState,
        networkState: v.networkState,
        currentTime: v.currentTime,
        paused: v.paused,
        error: v.error?.message,
        events: (window as unknown as { __ev: string[] }).__ev,
      }));
      throw new Error(`the delivered video did not play: ${JSON.stringify(state)} ${viewer.problems.join(' | ')}`, { cause: error });
    }
    const src = await page.locator('video.order-video').getAttribute('src');
    expect(src).toBe(`/api/v1/orders/${orderId}/video`);
    expect(await page.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe(`custom-video-${orderId}.mp4`);
    await page.locator('video.order-video').evaluate((v: HTMLVideoElement) => v.pause());
    await shoot(page, 'order-detail-delivered');

    // Comment: Post stays disabled until something is entered.
    const post = page.getByRole('button', { name: 'Post comment' });
    expect(await post.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '5 stars' }).click();
    expect(await post.isDisabled()).toBe(false);
    await page.getByRole('heading', { name: 'Comment', exact: true }).scrollIntoViewIfNeeded();
    await shoot(page, 'order-comment');
    await post.click();
    await page.getByText('Comment posted').waitFor();
    await page.getByRole('heading', { name: 'Your comment' }).waitFor();
    await page.getByRole('img', { name: '5 stars' }).waitFor();
    await shoot(page, 'order-detail-commented');
    expect(Order.parse(await creator(`/orders/${orderId}`)).comment).toMatchObject({ stars: 5, anonymous: false });

    // The list: state and no countdown once delivered.
    await page.goto(`${platform.origin}/orders`);
    await page.locator('.order-row').filter({ hasText: 'Video received' }).waitFor();
    await shoot(page, 'orders-list');

    // The conversation's guide items open the order's pages.
    await page.goto(`${platform.origin}/messages`);
    await page.locator('.conversation-row').filter({ hasText: 'Kim Creator' }).click();
    await page.locator('.message.system').filter({ hasText: 'Video sent' }).getByRole('link', { name: 'Comment' }).click();
    await page.getByRole('heading', { name: 'Your comment' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orders/${orderId}`);

    // A video with try-on anchors and a published service: one combined anchor, a sheet listing both.
    await page.goto(`${platform.origin}/v/${video.id}`);
    await page.getByRole('button', { name: /Custom video \+ 1 anchor/ }).click();
    const sheet = page.getByRole('dialog', { name: 'On this video' });
    await sheet.getByRole('link', { name: /Custom video/ }).waitFor();
    await sheet.getByRole('button', { name: 'Try on Ruby lipstick' }).waitFor();
    await shoot(page, 'order-video-sheet');
    await sheet.getByRole('link', { name: /Custom video/ }).click();
    await page.getByRole('button', { name: 'Request a video' }).waitFor();
    // The only refusal expected: GET /me before signing in.
    expect(viewer.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 1280×800: the pages laid out for a laptop; switching requests off makes the open form read-only at once', async () => {
  const viewer = await openViewer(DESKTOP, platform.origin, null);
  const { page } = viewer;
  try {
    await signIn(page, '/@kim_creator/custom');
    await page.getByRole('button', { name: 'Tap to play the introduction' }).waitFor();
    await page
      .locator('video.intro-video')
      .evaluate((v: HTMLVideoElement) => new Promise((resolve) => (v.readyState >= 2 ? resolve(null) : v.addEventListener('loadeddata', () => resolve(null), { once: true }))));
    // The rating and the comment just posted.
    await page.getByText('5 / 5 from 1 rating', { exact: true }).waitFor();
    await shoot(page, 'order-intro');
    await page.goto(`${platform.origin}/orders/${orderId}`);
    await page.getByRole('heading', { name: 'Your comment' }).waitFor();
    await shoot(page, 'order-detail-commented');
    await page.goto(`${platform.origin}/orders`);
    await page.locator('.order-row').first().waitFor();
    await shoot(page, 'orders-list');
    await page.goto(`${platform.origin}/v/${video.id}`);
    await page.getByRole('button', { name: /Custom video \+ 1 anchor/ }).click();
    await page.getByRole('dialog', { name: 'On this video' }).waitFor();
    await shoot(page, 'order-video-sheet');

    // The wide form is one page (no steps).
    await page.goto(`${platform.origin}/@kim_creator/custom/request`);
    await page.getByLabel('Friend', { exact: true }).check();
    expect(await page.getByText('Step 1 of 3').count()).toBe(0);
    await page.getByLabel('How to address them').fill('Sam');
    await page.getByLabel('Other', { exact: true }).nth(1).check();
    await page.getByLabel('Which occasion').fill('Graduation');
    await shoot(page, 'order-form');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByText('Graduation video for Sam from Kim Creator').waitFor();
    expect(await page.getByTestId('balance-after').textContent()).toBe('−20');
    await shoot(page, 'order-pay-short');
    await page.getByRole('link', { name: /Edit the request/ }).click();
    await page.getByLabel('Which occasion').waitFor();
    expect(await page.getByLabel('How to address them').inputValue()).toBe('Sam');

    // Top up from the payment, pay, then cancel while the creator has not accepted: the reason shows and the coins come back.
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('link', { name: 'Top up' }).click();
    await page.getByRole('button', { name: 'Buy 60 coins' }).click();
    await page.getByText('60 coins added.').waitFor();
    await page.getByRole('link', { name: /Back to payment/ }).click();
    await page.getByTestId('balance-after').filter({ hasText: '40' }).waitFor();
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.locator('.tag.state-pending_acceptance').waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.getByLabel('I ordered by mistake').check();
    await shoot(page, 'order-cancel');
    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await page.getByTestId('cancel-reason').filter({ hasText: 'Cancelled by the requester — I ordered by mistake' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel request' }).count()).toBe(0);
    await shoot(page, 'order-detail-cancelled');
    await page.goto(`${platform.origin}/wallet`);
    await page.getByTestId('coins').filter({ hasText: '540' }).waitFor();
    expect(await page.getByTestId('held').textContent()).toBe('0');

    // A new request's form stays open while the creator switches requests off.
    await page.goto(`${platform.origin}/@kim_creator/custom/request`);
    await page.getByLabel('How to address them').fill('Sam');

    // The creator switches requests off: the open form turns read-only at once, with the reason.
    await creator('/creators/me/customization', {
      method: 'PUT',
      body: JSON.stringify({ priceCoins: PRICE, description: 'A 30-second greeting in the look of your choice, sung or spoken.', receiving: false }),
    });
    await page.getByText('You can no longer send this request: This creator is not receiving requests right now').waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('How to address them').isDisabled()).toBe(true);
    await shoot(page, 'order-form-read-only');
    await page.goto(`${platform.origin}/@kim_creator/custom`);
    await page.getByText('This creator is not receiving requests right now').waitFor();
    expect(await page.getByRole('button', { name: 'Request a video' }).isDisabled()).toBe(true);

    // Simplified Chinese.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('该创作者暂不接单').waitFor();
    await page.goto(`${platform.origin}/orders/${orderId}`);
    await page.getByText('已收到视频').first().waitFor();
    await shoot(page, 'order-detail-zh-CN');
    // The only refusal expected: GET /me before signing in.
    expect(viewer.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 390×844: Forward → Send to someone; the recipient’s dialog has the message with Watch, the shared video plays there; a stranger gets 404', async () => {
  const friendToken = await registerCreator(platform.origin, 'lee_friend', 'Lee Friend');
  const strangerToken = await registerCreator(platform.origin, 'sam_stranger', 'Sam Stranger');
  const sender = await openViewer(PHONE, platform.origin, null);
  try {
    const { page } = sender;
    await signIn(page, `/orders/${orderId}`);
    await page.getByRole('button', { name: 'Forward' }).click();
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    await page.getByRole('button', { name: 'Send to someone' }).click();
    const to = page.getByLabel('Send to (their handle)');
    // The platform's refusal shows at the field.
    await to.fill('@nobody_here');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('#forward-to-error').filter({ hasText: 'No account @nobody_here.' }).waitFor();
    await to.scrollIntoViewIfNeeded();
    await shoot(page, 'order-forward-error');
    await to.fill('@Lee_Friend');
    await page.getByLabel('Note (optional)').fill('Grandpa loved it, watch!');
    expect(await page.locator('#forward-to-error').count()).toBe(0);
    await shoot(page, 'order-forward-form');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Sent to @lee_friend' }).waitFor();
    await shoot(page, 'order-forward-sent');
    expect(sender.problems.filter((p) => !/status of (401|404)/.test(p))).toEqual([]);
  } finally {
    await sender.close();
  }

  const recipient = await openViewer(PHONE, platform.origin, null);
  try {
    const { page } = recipient;
    await page.goto(`${platform.origin}/signin?next=${encodeURIComponent('/messages')}`);
    await page.getByLabel('Handle').fill('lee_friend');
    await page.getByLabel('Password').fill('creator-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.locator('.conversation-row').filter({ hasText: 'Ana Viewer' }).click();
    const message = page.locator('.message.system').filter({ hasText: '@ana_viewer sent you a custom video by @kim_creator: Grandpa loved it, watch!' });
    await message.waitFor();
    await shoot(page, 'order-forward-message');
    await message.getByRole('link', { name: 'Watch' }).click();
    await page.getByRole('heading', { name: 'A custom video for you' }).waitFor();
    const token = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(new URL(page.url()).pathname).toBe(`/shared/${token}`);
    await page.getByTestId('shared-from').filter({ hasText: 'Ana Viewer · @ana_viewer' }).waitFor();
    // The player streams GET /order-shares/:token/video through the recipient's cookie session.
    expect(await page.locator('video.shared-video').getAttribute('src')).toBe(`/api/v1/order-shares/${token}/video`);
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video.shared-video')?.readyState ?? 0) >= 1, undefined, { timeout: 30_000 });
    await page.locator('video.shared-video').evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play();
    });
    await page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('video.shared-video');
        return v !== null && v.readyState >= 2 && v.currentTime > 0.5;
      },
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('video.shared-video').evaluate((v: HTMLVideoElement) => v.pause());
    await shoot(page, 'order-shared-video');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '给你的定制视频' }).waitFor();
    await page.getByText('发送人').waitFor();
    await shoot(page, 'order-shared-video-zh-CN');
    // The platform's own sentence and its guide button, said in Chinese from the message's key; the sender's note as written.
    await page.goto(`${platform.origin}/messages`);
    await page.locator('.conversation-row').filter({ hasText: 'Ana Viewer' }).click();
    const said = page.locator('.message.system').filter({ hasText: '@ana_viewer 给你发来 @kim_creator 制作的定制视频：Grandpa loved it, watch!' });
    await said.getByRole('link', { name: '观看' }).waitFor();
    await shoot(page, 'order-forward-message-zh-CN');
    await page.goto(`${platform.origin}/notifications`);
    await page.locator('.notification-text').filter({ hasText: '@ana_viewer 给你发来 @kim_creator 制作的定制视频：Grandpa loved it, watch!' }).waitFor();
    await shoot(page, 'notifications-zh-CN');
    expect(recipient.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);

    // Over the API: the recipient 200 with the MP4's bytes; a stranger and nobody 404 (the link is not public).
    const videoUrl = `${platform.origin}/api/v1/order-shares/${token}/video`;
    const own = await fetch(videoUrl, { headers: { authorization: `Bearer ${friendToken}` } });
    expect([own.status, own.headers.get('content-type')]).toEqual([200, 'video/mp4']);
    const bytes = Buffer.from(await own.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect((await fetch(videoUrl, { headers: { authorization: `Bearer ${strangerToken}` } })).status).toBe(404);
    expect((await fetch(videoUrl)).status).toBe(404);
    expect((await fetch(`${platform.origin}/api/v1/order-shares/${token}`, { headers: { authorization: `Bearer ${strangerToken}` } })).status).toBe(404);
  } finally {
    await recipient.close();
  }
});
