import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DraftId } from '@shared/domain/ids';
import type { DeliveryView } from '@shared/ipc/nouns/orders';
import type { AuthResponse } from '@shared/protocol/auth';
import type { Order } from '@shared/protocol/orders';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations/index';
import { createMemoryLogger } from '../logger';
import type { AccountState } from '../sync/account-client';
import type { PostJobState } from '../sync/post-job';
import { SyncService } from '../sync/sync-service';
import { writeLargeVideo } from '../sync/test-support/video-file';
import { OrdersService } from './orders-service';

const KiB = 1024;
let platform: TestPlatform;
let url: string;
let dir: string;
let video: string;
let db: Database.Database;
const services: SyncService[] = [];

beforeAll(async () => {
  platform = await createTestPlatform();
  url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'deliver-job-'));
  video = writeLargeVideo(dir, 4 * 1024 * KiB);
  db = openDatabase(path.join(dir, 'studio.sqlite'), migrations, createMemoryLogger(), Date.now).db;
}, 60_000);
afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  db.close();
  await platform.close();
  rmSync(platform.dataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(`/api/v1${route}`, url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A studio process: its outbox over the shared studio.db, and the orders service on top. */
function studio(maker: AuthResponse, onDelivery: (d: DeliveryView) => void = () => undefined): { sync: SyncService; orders: OrdersService } {
  const sync = new SyncService({
    db,
    platformUrl: () => url,
    auth: { token: () => maker.token, rejected: () => undefined },
    chunkSize: 256 * KiB,
    backoff: { baseMs: 100, maxMs: 400 },
    logger: createMemoryLogger(),
  });
  services.push(sync);
  const state: AccountState = { signedIn: true, user: maker.user, expiresAt: maker.expiresAt };
  const orders = new OrdersService({
    platformUrl: url,
    account: { token: () => maker.token, state: () => state, onChange: () => () => undefined },
    ready: Promise.resolve(),
    draftFile: () => video,
    onChanged: () => undefined,
    outbox: sync,
    onDelivery,
    logger: createMemoryLogger(),
  });
  return { sync, orders };
}

async function settle(sync: SyncService, id: string, states: readonly PostJobState[]): Promise<void> {
  await expect.poll(() => sync.get(id)?.state, { timeout: 60_000, interval: 25 }).toSatisfy((s) => states.includes(s as PostJobState));
}

test('Send goes through the outbox: a restart mid-upload resumes, a retry after a lost answer is the same delivery, and the creator is paid once', async () => {
  const maker = await platform.register('delivermaker');
  expect((await api(maker.token, 'PUT', '/creators/me/customization', { priceCoins: 100, description: 'Greetings' })).status).toBe(200);
  expect((await api(maker.token, 'POST', '/creators/me/customization/publish')).status).toBe(200);
  const viewer = await platform.register('deliverviewer');
  expect((await api(viewer.token, 'POST', '/wallet/top-up', { coins: 300, idempotencyKey: 'deliver-job-topup' })).status).toBe(201);
  const ordered = await api<Order>(viewer.token, 'POST', '/orders', {
    creatorHandle: 'delivermaker',
    info: { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday' },
    idempotencyKey: 'deliver-job-order',
  });
  const orderId = ordered.body.id;
  const draftId = 'drf_take000001' as DraftId;

  const first = studio(maker);
  // Sending before accepting is refused at once, with a sentence.
  await expect(first.orders.send(orderId, draftId)).rejects.toMatchObject({ code: 'conflict', message: 'Only an accepted request can be sent a video.' });
  expect((await api(maker.token, 'POST', `/orders/${orderId}/accept`)).status).toBe(200);

  // The first studio stops (quits) half-way through the upload.
  let stopping: Promise<void> | null = null;
  first.sync.onChange((job, progress) => {
    if (!stopping && job.kind === 'deliver-order' && progress && progress.sentBytes > 0.5 * progress.totalBytes) stopping = first.sync.stop();
  });
  first.sync.start();
  const queued = await first.orders.send(orderId, draftId);
  expect(queued).toMatchObject({ orderId, draftId, state: 'queued', totalBytes: statSync(video).size });
  await expect.poll(() => stopping, { timeout: 30_000 }).not.toBeNull();
  await stopping;
  expect(first.orders.delivery(orderId)).toMatchObject({ jobId: queued.jobId, state: 'uploading' });
  expect(first.sync.get(queued.jobId)?.uploadUrl).not.toBeNull();
  first.orders.close();

  // The next start resumes it and delivers; its status is visible as it goes.
  const seen: DeliveryView[] = [];
  const second = studio(maker, (d) => seen.push(d));
  second.sync.start();
  await settle(second.sync, queued.jobId, ['done', 'failed']);
  expect(second.orders.delivery(orderId)).toMatchObject({ state: 'done', lastError: null, sentBytes: queued.totalBytes });
  expect(seen.map((d) => d.state)).toEqual(expect.arrayContaining(['uploading', 'creating', 'done']));
  expect(second.sync.bytesSent(queued.jobId)).toBeLessThan(0.6 * queued.totalBytes);
  const delivered = (await api<Order>(viewer.token, 'GET', `/orders/${orderId}`)).body;
  expect(delivered).toMatchObject({ state: 'delivered', videoPath: `/orders/${orderId}/video` });
  const paid = (await api<{ diamonds: number }>(maker.token, 'GET', '/wallet')).body.diamonds;
  expect(paid).toBe(75);
  // Send again: refused, and the outbox still holds one delivery.
  await expect(second.orders.send(orderId, draftId)).rejects.toMatchObject({ code: 'conflict', message: 'This video has already been sent.' });
  expect(second.sync.list().filter((j) => j.kind === 'deliver-order')).toHaveLength(1);
  // The post list does not show deliveries.
  expect(second.sync.posts()).toEqual([]);
  second.orders.close();
  await second.sync.stop();

  // A crash after the deliver call left but before 'done' was stored: the next start sends it
  // again with the same key, and the platform answers the same delivery — no second payment.
  db.prepare("UPDATE outbox SET state = 'creating' WHERE id = ?").run(queued.jobId);
  const third = studio(maker);
  third.sync.start();
  await settle(third.sync, queued.jobId, ['done', 'failed']);
  expect(third.sync.get(queued.jobId)).toMatchObject({ state: 'done', lastError: null });
  expect((await api<Order>(viewer.token, 'GET', `/orders/${orderId}`)).body.times).toEqual(delivered.times);
  expect((await api<{ diamonds: number }>(maker.token, 'GET', '/wallet')).body.diamonds).toBe(75);
  third.orders.close();
}, 120_000);
