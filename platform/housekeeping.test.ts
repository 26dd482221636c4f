import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sampleVideo } from './test-support/fixtures';
import { testDatabaseUrlFor } from './test-support/database';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ tokenTtlMs: HOUR });
});
afterAll(() => p.close());

const me = (token: string) => p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
const head = (token: string, uploadId: string) => p.app.inject({ method: 'HEAD', url: `/api/v1/uploads/${uploadId}`, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });

test('expired sessions are swept hourly by the platform clock: an expired token then reads as unknown, a live one still works', async () => {
  const { token: old } = await p.register('sleeper');
  p.clock.advance(HOUR);
  expect((await me(old)).json()).toMatchObject({ error: { code: 'token_expired' } }); // the row is still there
  const { token: live } = await p.register('newcomer');
  expect(await p.runJobs()).toBeGreaterThanOrEqual(1);
  expect((await me(old)).json()).toMatchObject({ error: { code: 'unauthorized' } }); // swept: the row is gone
  expect((await me(live)).statusCode).toBe(200);
});

test('uploads untouched for 7 days are swept (finished or not); younger ones stay', async () => {
  const token = async () => (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'uploader', password: 'correct horse' } })).json<{ token: string }>().token;
  await p.register('uploader');
  const mp4 = sampleVideo().mp4;
  const partial = await p.upload(await token(), mp4, { sendBytes: 100 });
  const finished = await p.upload(await token(), mp4);
  p.clock.advance(6 * DAY);
  const younger = await p.upload(await token(), mp4, { sendBytes: 100 });
  p.clock.advance(DAY + 1);
  expect((await head(await token(), partial)).statusCode).toBe(200);
  await p.runJobs();
  expect((await head(await token(), partial)).statusCode).toBe(404);
  expect((await head(await token(), finished)).statusCode).toBe(404);
  expect((await head(await token(), younger)).statusCode).toBe(200);
});

test('the first sweep runs at start: a platform restarted after a week finds old uploads already gone', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-restart-'));
  const databaseUrl = await testDatabaseUrlFor();
  try {
    const first = await createTestPlatform({ dataDir, databaseUrl });
    const { token } = await first.register('restarter');
    const uploadId = await first.upload(token, sampleVideo().mp4, { sendBytes: 100 });
    expect((await first.app.inject({ method: 'HEAD', url: `/api/v1/uploads/${uploadId}`, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } })).statusCode).toBe(200);
    const later = first.clock.now() + 8 * DAY;
    await first.close();

    const second = await createTestPlatform({ dataDir, databaseUrl, now: () => later, tokenTtlMs: 30 * DAY });
    try {
      const login = await second.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'restarter', password: 'correct horse' } });
      const res = await second.app.inject({
        method: 'HEAD',
        url: `/api/v1/uploads/${uploadId}`,
        headers: { authorization: `Bearer ${login.json<{ token: string }>().token}`, 'tus-resumable': '1.0.0' },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
