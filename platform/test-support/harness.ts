import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AnchorInput, AuthResponse, CreateVideoRequest, Video } from '@shared/protocol/index';
import { buildPlatform, featureMigrations, type PlatformOptions } from '../app';
import type { Scheduler } from '../kernel/jobs/scheduler';
import { DEMO_VIEWERS, loadCatalog } from '../seed/seed';
import { migratedTestDatabaseUrl, testDialect } from './database';

export const CATALOG_FILE = path.resolve(import.meta.dirname, '../../resources/catalog/catalog.json');
export const GIFT_MEDIA_DIR = path.resolve(import.meta.dirname, '../../resources/gifts');
/** Cheap scrypt in tests: the cost parameter is what a test changes, not the algorithm. */
const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export interface TestPlatform {
  readonly app: FastifyInstance;
  readonly dataDir: string;
  readonly clock: TestClock;
  /** Runs the jobs that fell due by the test clock (move it with clock.advance first). */
  runJobs(): Promise<number>;
  register(handle: string): Promise<AuthResponse>;
  upload(token: string, bytes: Buffer, options?: { readonly sendBytes?: number }): Promise<string>;
  post(token: string, body: Partial<CreateVideoRequest> & { uploadId: string }): Promise<LightMyRequestResponse>;
  postVideo(token: string, bytes: Buffer, body?: Partial<CreateVideoRequest>): Promise<Video>;
  close(): Promise<void>;
}

let keyCounter = 0;

export function targetAnchor(overrides: Partial<AnchorInput> = {}): AnchorInput {
  return {
    kind: 'tryon',
    role: 'target',
    itemId: 'velvet-rouge-lipstick',
    attributeId: 'classic-red',
    label: 'Velvet Rouge',
    x: 0.5,
    y: 0.6,
    startMs: 0,
    endMs: 1500,
    placement: 'near-item',
    ...overrides,
  };
}

export async function createTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'platform-test-'));
  let time = Date.UTC(2026, 10, 21, 12, 0, 0);
  const clock: TestClock = { now: () => time, advance: (ms) => void (time += ms) };
  const items = loadCatalog(CATALOG_FILE, (m) => {
    throw new Error(m);
  });
  // On PostgreSQL a copy of a database already migrated once per run: buildPlatform then finds nothing to migrate.
  const databaseUrl = options.databaseUrl ?? (testDialect() === 'postgres' ? await migratedTestDatabaseUrl(featureMigrations) : undefined);
  let jobs = null as Scheduler | null;
  const app = await buildPlatform({
    dataDir,
    databaseUrl,
    exposeJobs: (s) => void (jobs = s),
    now: clock.now,
    scryptCost: TEST_SCRYPT,
    seed: { items, viewers: DEMO_VIEWERS },
    authRateLimit: { max: 1000, timeWindowMs: 60_000 },
    uploadLimits: { maxOpenPerAccount: 1000 },
    giftMediaDir: GIFT_MEDIA_DIR,
    ...options,
  });

  const platform: TestPlatform = {
    app,
    dataDir,
    clock,
    runJobs: () => jobs!.runDue(),
    async register(handle) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle, password: 'correct horse', displayName: handle } });
      if (res.statusCode !== 201) throw new Error(`register ${handle}: ${res.statusCode} ${res.body}`);
      return res.json<AuthResponse>();
    },
    async upload(token, bytes, { sendBytes = bytes.length } = {}) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `filename ${Buffer.from('clip.mp4').toString('base64')}` },
      });
      if (created.statusCode !== 201) throw new Error(`upload create: ${created.statusCode} ${created.body}`);
      const location = String(created.headers.location);
      if (sendBytes > 0) {
        const patched = await app.inject({
          method: 'PATCH',
          url: location,
          headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
          payload: bytes.subarray(0, sendBytes),
        });
        if (patched.statusCode !== 204) throw new Error(`upload patch: ${patched.statusCode} ${patched.body}`);
      }
      return location.split('/').at(-1)!;
    },
    post(token, body) {
      return app.inject({
        method: 'POST',
        url: '/api/v1/videos',
        headers: { authorization: `Bearer ${token}` },
        payload: { title: 'My look', visibility: 'public', anchors: [targetAnchor()], idempotencyKey: `key-${process.pid}-${++keyCounter}-x`, ...body },
      });
    },
    async postVideo(token, bytes, body = {}) {
      const uploadId = await platform.upload(token, bytes);
      const res = await platform.post(token, { ...body, uploadId });
      if (res.statusCode !== 201) throw new Error(`post video: ${res.statusCode} ${res.body}`);
      return res.json<Video>();
    },
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}
