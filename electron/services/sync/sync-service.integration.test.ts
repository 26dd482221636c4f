import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AnchorInput, VideoPage } from '@shared/protocol/index';
import { openDatabase } from '../db/open-database';
import { migrations } from '../db/migrations/index';
import { createMemoryLogger } from '../logger';
import { PlatformAccountClient } from './account-client';
import { callRoute } from './platform-http';
import type { OutboxJob, PostJobState } from './post-job';
import { FileSecretStore } from './secret-store';
import { SyncService, type SyncServiceOptions } from './sync-service';
import { spawnPlatform, type PlatformProcess } from './test-support/spawn-platform';
import { writeLargeVideo } from './test-support/video-file';

const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;
const anchor: AnchorInput = {
  kind: 'tryon',
  role: 'target',
  itemId: 'velvet-rouge-lipstick',
  attributeId: 'classic-red',
  label: 'Velvet Rouge',
  x: 0.5,
  y: 0.62,
  startMs: 0,
  endMs: 1500,
  placement: 'near-item',
};
const request = { title: 'Evening red', visibility: 'public' as const, anchors: [anchor] };

let dir: string;
let platform: PlatformProcess;
let db: Database.Database;
let account: PlatformAccountClient;
let bigFile: string;
let services: SyncService[] = [];

function service(overrides: Partial<SyncServiceOptions> = {}): SyncService {
  const s = new SyncService({ db, platformUrl: () => platform.url, auth: account, backoff: { baseMs: 150, maxMs: 600 }, chunkSize: CHUNK, logger: createMemoryLogger(), ...overrides });
  services.push(s);
  return s;
}

async function settle(sync: SyncService, id: string, states: readonly PostJobState[], timeoutMs = 60_000): Promise<OutboxJob> {
  const started = Date.now();
  for (;;) {
    const job = sync.get(id)!;
    if (states.includes(job.state)) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`job stayed ${job.state} (${job.lastError?.message ?? ''})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The current test account's videos (the feed also holds earlier tests' public videos). */
const myVideos = async (): Promise<VideoPage['videos']> =>
  (await callRoute({ baseUrl: platform.url, token: () => account.token() }, 'listVideos', { query: { limit: 50 } })).videos.filter((v) => v.creator.handle === `creator_${studioCount}`);
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sync-it-'));
  platform = await spawnPlatform(path.join(dir, 'platform'));
  bigFile = writeLargeVideo(dir, 40 * MiB);
}, 90_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await platform.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let studioCount = 0;
beforeEach(async () => {
  await Promise.all(services.map((s) => s.stop()));
  services = [];
  db?.close();
  db = openDatabase(path.join(dir, `studio-${++studioCount}.sqlite`), migrations, createMemoryLogger(), Date.now).db;
  account = new PlatformAccountClient({ platformUrl: () => platform.url, store: new FileSecretStore(path.join(dir, `secret-${studioCount}`, 'platform-session')) });
  await account.register({ handle: `creator_${studioCount}`, password: 'correct horse', displayName: 'Creator' });
});

describe('sync against a real platform process on loopback', () => {
  test('platform killed mid-upload and restarted: the upload resumes, re-sends at most one chunk, and exactly one video exists', async () => {
    const sync = service();
    const seen = new Set<PostJobState>();
    let killing: Promise<void> | null = null;
    sync.onChange((job, progress) => {
      seen.add(job.state);
      if (!killing && progress && progress.sentBytes > 0.4 * progress.totalBytes) killing = platform.kill();
    });
    sync.start();
    const job = sync.enqueuePost({ filePath: bigFile, request });
    const waiting = await settle(sync, job.id, ['waiting', 'done']);
    expect(waiting.state).toBe('waiting');
    expect(waiting.uploadUrl).toMatch(/\/api\/v1\/uploads\/upl_/);
    await killing;
    await platform.restart();

    const done = await settle(sync, job.id, ['done', 'failed']);
    expect(done.lastError).toBeNull();
    expect(done.state).toBe('done');
    expect([...seen]).toEqual(expect.arrayContaining(['queued', 'uploading', 'waiting', 'creating', 'done']));
    const resent = sync.bytesSent(job.id) - done.fileSize;
    expect(resent).toBeLessThanOrEqual(CHUNK);

    const videos = await myVideos();
    expect(videos.map((v) => v.id)).toEqual([done.videoId]);
    expect(videos[0]!.sizeBytes).toBe(done.fileSize);
    const media = Buffer.from(await (await fetch(new URL(videos[0]!.mediaUrl, platform.url))).arrayBuffer());
    expect(sha256(media)).toBe(sha256(readFileSync(bigFile)));
  });

  test('the studio restarts mid-upload: a new service on the same outbox resumes from the stored URL', async () => {
    const first = service();
    let stopping: Promise<void> | null = null;
    first.onChange((_job, progress) => {
      if (!stopping && progress && progress.sentBytes > 0.5 * progress.totalBytes) stopping = first.stop();
    });
    first.start();
    const job = first.enqueuePost({ filePath: bigFile, request });
    await expect.poll(() => stopping, { timeout: 30_000 }).not.toBeNull();
    await stopping;
    const interrupted = first.get(job.id)!;
    expect(interrupted.state).toBe('uploading');
    expect(interrupted.uploadUrl).not.toBeNull();

    const second = service();
    second.start();
    const done = await settle(second, job.id, ['done', 'failed']);
    expect(done.state).toBe('done');
    expect(first.bytesSent(job.id) + second.bytesSent(job.id) - done.fileSize).toBeLessThanOrEqual(CHUNK);
    expect(second.bytesSent(job.id)).toBeLessThan(0.6 * done.fileSize);
    expect((await myVideos()).map((v) => v.id)).toEqual([done.videoId]);
  });

  test('offline when posted: queued as waiting, and sent when the platform is back', async () => {
    await platform.kill();
    const sync = service();
    sync.start();
    const job = sync.enqueuePost({ filePath: bigFile, request });
    const waiting = await settle(sync, job.id, ['waiting']);
    expect(waiting.lastError).toMatchObject({ key: 'sync.unreachable', message: expect.stringMatching(/unreachable/) });
    await new Promise((r) => setTimeout(r, 700)); // a few backoff rounds while offline
    expect(sync.get(job.id)!.attempts).toBeGreaterThanOrEqual(2);
    await platform.restart();
    expect((await settle(sync, job.id, ['done', 'failed'])).state).toBe('done');
    expect(await myVideos()).toHaveLength(1);
  });

  test('a create whose answer was lost is retried with the same key: still exactly one video', async () => {
    const sync = service();
    sync.start();
    const job = sync.enqueuePost({ filePath: bigFile, request });
    const done = await settle(sync, job.id, ['done', 'failed']);
    expect(done.state).toBe('done');
    await sync.stop();
    // As if the studio crashed after the platform made the video but before the outbox heard of it.
    db.prepare("UPDATE outbox SET state = 'creating', video_id = NULL WHERE id = ?").run(job.id);
    const again = service();
    again.start();
    const redone = await settle(again, job.id, ['done', 'failed']);
    expect(redone.videoId).toBe(done.videoId);
    expect((await myVideos()).map((v) => v.id)).toEqual([done.videoId]);
  });

  test('a refused token: the job waits for sign-in (kept), then completes after signing in again', async () => {
    const stale = account.token()!;
    await callRoute({ baseUrl: platform.url, token: () => stale }, 'logout'); // ended on the platform, still held locally
    const sync = service();
    const states: string[] = [];
    account.onChange((s) => states.push(s.signedIn ? 'in' : 'out'));
    sync.start();
    const job = sync.enqueuePost({ filePath: bigFile, request });
    const blocked = await settle(sync, job.id, ['needs_sign_in', 'done', 'failed']);
    expect(blocked.state).toBe('needs_sign_in');
    expect(account.state()).toMatchObject({ signedIn: false, reason: expect.stringMatching(/sign in/i) });
    await account.login({ handle: `creator_${studioCount}`, password: 'correct horse' });
    sync.retryNow();
    expect((await settle(sync, job.id, ['done', 'failed'])).state).toBe('done');
    expect(states).toEqual(['out', 'in']);
  });

  test("a file that is not a video fails with the platform's reason and makes no video", async () => {
    const text = path.join(dir, 'notes.mp4');
    writeFileSync(text, 'a shopping list, renamed\n'.repeat(5000));
    const sync = service();
    sync.start();
    const job = sync.enqueuePost({ filePath: text, request });
    const failed = await settle(sync, job.id, ['failed', 'done']);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toEqual({ key: 'platform.codes.not_a_video', message: 'The platform could not read this file as a video.' });
    expect(await myVideos()).toHaveLength(0);
  });

  test('cancel mid-upload: cancelled, the partial upload is deleted on the platform, no video', async () => {
    const sync = service();
    let cancelling: Promise<unknown> | null = null;
    let id = '';
    sync.onChange((job, progress) => {
      if (!cancelling && progress && progress.sentBytes > 0.3 * progress.totalBytes) cancelling = sync.cancel(job.id);
      id = job.id;
    });
    sync.start();
    sync.enqueuePost({ filePath: bigFile, request });
    await expect.poll(() => cancelling, { timeout: 30_000 }).not.toBeNull();
    await cancelling;
    const job = sync.get(id)!;
    expect(job.state).toBe('cancelled');
    const head = await fetch(new URL(new URL(job.uploadUrl!).pathname, platform.url), { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${account.token()}` } });
    expect([404, 410]).toContain(head.status);
    expect(await myVideos()).toHaveLength(0);
  });
});
