import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DraftId } from '@shared/domain/ids';
import type { OrderChanged } from '@shared/ipc/nouns/orders';
import type { AuthResponse } from '@shared/protocol/auth';
import type { Order } from '@shared/protocol/orders';
import { sampleVideo } from '@platform/test-support/fixtures';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { createMemoryLogger } from '../logger';
import type { AccountState } from '../sync/account-client';
import { OrdersService, startOfMonth, type DeliveryOutbox, type OrdersAccount } from './orders-service';

let platform: TestPlatform;
let url: string;
let tmp: string;
beforeAll(async () => {
  platform = await createTestPlatform();
  url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'orders-service-'));
});
afterAll(async () => {
  await platform.close();
  rmSync(platform.dataDir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

function accountOf(auth: AuthResponse): OrdersAccount {
  const state: AccountState = { signedIn: true, user: auth.user, expiresAt: auth.expiresAt };
  return { token: () => auth.token, state: () => state, onChange: () => () => undefined };
}

/** A viewer on the platform, over plain HTTP as the viewer app would. */
async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(`/api/v1${route}`, url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** These tests do not send videos (deliver-job.test.ts does, through a real outbox). */
const noOutbox: DeliveryOutbox = {
  enqueueDelivery: () => {
    throw new Error('not in this test');
  },
  deliveryFor: () => null,
  onChange: () => () => undefined,
};

const info = { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday', instructions: 'Sing happy birthday' };

test('publish with an uploaded intro, a request arrives live, income and badge, accept and refuse, the switch and exit with their confirmations', async () => {
  const maker = await platform.register('ordermaker');
  const viewer = await platform.register('orderviewer');
  expect((await api(viewer.token, 'POST', '/wallet/top-up', { coins: 500, idempotencyKey: 'orders-service-topup-1' })).status).toBe(201);
  const introFile = path.join(tmp, 'export.mp4');
  writeFileSync(introFile, sampleVideo().mp4);
  const changes: OrderChanged[] = [];
  const asked: DraftId[] = [];
  const service = new OrdersService({
    platformUrl: url,
    account: accountOf(maker),
    ready: Promise.resolve(),
    draftFile: (id) => (asked.push(id), introFile),
    onChanged: (e) => changes.push(e),
    outbox: noOutbox,
    onDelivery: () => undefined,
    logger: createMemoryLogger(),
    now: platform.clock.now,
  });
  service.start();
  try {
    expect(await service.customization()).toMatchObject({ state: 'never', draft: null, published: null });
    const saved = await service.save({ priceCoins: 120, description: 'Birthday songs', introDraftId: 'drf_intro0001' as DraftId });
    expect(asked).toEqual(['drf_intro0001']);
    expect(saved.draft).toMatchObject({ priceCoins: 120, description: 'Birthday songs', introUploadId: expect.stringMatching(/^upl_/) });
    const published = await service.publish();
    expect(published).toMatchObject({ state: 'published', receiving: true, published: { priceCoins: 120 } });
    // An edit without a new intro keeps the uploaded one.
    const edited = await service.save({ priceCoins: 150, description: 'Birthday songs and greetings' });
    expect(edited.draft?.introUploadId).toBe(saved.draft?.introUploadId);
    expect((await service.publish()).published).toMatchObject({ priceCoins: 150, introUploadId: saved.draft?.introUploadId });

    // Connected to user:<maker> before the viewer orders (the socket resumes from its last id, so
    // an event published before the subscription could be missed only before the first one).
    await new Promise((r) => setTimeout(r, 300));
    const first = await api<Order>(viewer.token, 'POST', '/orders', { creatorHandle: 'ordermaker', info, idempotencyKey: 'orders-service-order-1' });
    expect(first.status).toBe(201);
    await expect.poll(() => changes, { timeout: 10_000 }).toContainEqual({ orderId: first.body.id, state: 'pending_acceptance', change: 'created', asCreator: true });
    platform.clock.advance(60_000); // newest first: the second is a minute younger
    const second = await api<Order>(viewer.token, 'POST', '/orders', { creatorHandle: 'ordermaker', info: { ...info, name: 'Li' }, idempotencyKey: 'orders-service-order-2' });
    expect(second.status).toBe(201);
    expect(await service.summary()).toEqual({ totalDiamonds: 0, monthDiamonds: 0, escrowCoins: 300, pendingCount: 2 });
    expect((await service.list({ state: 'pending_acceptance' })).orders.map((o) => o.id)).toEqual([second.body.id, first.body.id]);

    const accepted = await service.accept(first.body.id);
    expect(accepted).toMatchObject({ state: 'accepted', info: { address: 'Xiao Zhang' }, deadlines: { deliverBy: expect.any(Number) } });
    await expect.poll(() => changes.map((c) => c.change), { timeout: 10_000 }).toContain('accepted');
    await expect(service.accept(first.body.id)).rejects.toMatchObject({ code: 'conflict' });
    const refused = await service.refuse(second.body.id, 'Too busy this week');
    expect(refused).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'refused_by_creator', text: 'Too busy this week' } });
    expect(await service.summary()).toEqual({ totalDiamonds: 0, monthDiamonds: 0, escrowCoins: 150, pendingCount: 0 });

    // The creator delivers (over the API here; the studio's Send is the outbox's job): income counts the diamonds less the cut (150 − 25 % = 112.5, the creator's share rounds up to 113).
    const uploadId = await platform.upload(maker.token, sampleVideo().mp4);
    expect((await api(maker.token, 'POST', `/orders/${first.body.id}/deliver`, { uploadId, idempotencyKey: 'orders-service-deliver-1' })).status).toBe(200);
    expect(await service.summary()).toEqual({ totalDiamonds: 113, monthDiamonds: 113, escrowCoins: 0, pendingCount: 0 });

    // The switch: off refuses new orders at once.
    expect(await service.setReceiving(false)).toMatchObject({ state: 'published', receiving: false });
    const refusedOrder = await api<{ error: { code: string } }>(viewer.token, 'POST', '/orders', { creatorHandle: 'ordermaker', info, idempotencyKey: 'orders-service-order-3' });
    expect(refusedOrder.status).toBeGreaterThanOrEqual(400);
    expect(refusedOrder.status).toBeLessThan(500);
    expect(await service.setReceiving(true)).toMatchObject({ receiving: true });

    // Exit: with an open order the first call changes nothing and lists it; confirming exits.
    const open = await api<Order>(viewer.token, 'POST', '/orders', { creatorHandle: 'ordermaker', info, idempotencyKey: 'orders-service-order-4' });
    const asked1 = await service.exit(false);
    expect(asked1.exited).toBe(false);
    expect(asked1.openOrders.map((o) => o.id)).toEqual([open.body.id]);
    const exited = await service.exit(true);
    expect(exited).toMatchObject({ exited: true, customization: { state: 'exited' } });
    // The open order stays with the creator.
    expect((await service.get(open.body.id)).state).toBe('pending_acceptance');
  } finally {
    service.close();
  }
});

test('signed out, every call is refused with a sentence, not a raw 401', async () => {
  const service = new OrdersService({
    platformUrl: url,
    account: { token: () => null, state: () => ({ signedIn: false, reason: null }), onChange: () => () => undefined },
    ready: Promise.resolve(),
    draftFile: () => '/nonexistent',
    onChanged: () => undefined,
    outbox: noOutbox,
    onDelivery: () => undefined,
    logger: createMemoryLogger(),
  });
  await expect(service.summary()).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Sign in') });
});

test('the month starts at local midnight on the first', () => {
  const t = new Date(2026, 11, 3, 7, 30).getTime();
  expect(startOfMonth(t)).toBe(new Date(2026, 11, 1).getTime());
});
