import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { testDatabaseUrlFor } from '../../test-support/database';
import { createTestPlatform } from '../../test-support/harness';
import { UsersRepository } from './users-repository';
import { DEFAULT_SCRYPT_COST, HashQueue, hashPassword, needsRehash, verifyPassword } from './password';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const login = (handle: string, password: string, headers: Record<string, string> = {}) => ({ method: 'POST' as const, url: '/api/v1/auth/login', payload: { handle, password }, headers });

describe('hashing is bounded', () => {
  test('at most `concurrency` hashes run at once; past `maxWaiting` waiting, callers get 429 at once', async () => {
    const queue = new HashQueue(2, 3);
    let active = 0;
    let peak = 0;
    const work = () =>
      queue.run(async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        return 'hashed';
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, work));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    expect(refused[0]!.reason).toMatchObject({ code: 'rate_limited', statusCode: 429 });
    // Slots come back: the queue works again afterwards.
    expect(await work()).toBe('hashed');
  });

  test("the default cost is OWASP's N = 2^17 and it hashes within its memory bound", async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('correct horse', DEFAULT_SCRYPT_COST);
    expect(stored.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(needsRehash(stored, DEFAULT_SCRYPT_COST)).toBe(false);
    expect(needsRehash(await hashPassword('x', { N: 1024, r: 8, p: 1 }), DEFAULT_SCRYPT_COST)).toBe(true);
  });
});

describe('per-account backoff after wrong passwords', () => {
  test('after 5 wrong passwords (from any address) even the right one waits; the wait doubles; it ends by the clock', async () => {
    const p = await createTestPlatform({ loginBackoff: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 60_000 } });
    try {
      await p.register('target');
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await p.app.inject(login('target', 'guess-' + i))).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 401]);
      const locked = await p.app.inject(login('target', 'correct horse'));
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/wrong passwords for this account; try again in 1 s/) } });
      // Another account is not slowed.
      await p.register('bystander');
      expect((await p.app.inject(login('bystander', 'correct horse'))).statusCode).toBe(200);
      p.clock.advance(1001);
      expect((await p.app.inject(login('target', 'guess-6'))).statusCode).toBe(401);
      expect((await p.app.inject(login('target', 'correct horse'))).json()).toMatchObject({ error: { message: expect.stringMatching(/in 2 s/) } });
      p.clock.advance(2001);
      expect((await p.app.inject(login('target', 'correct horse'))).statusCode).toBe(200);
      // Success forgets the failures.
      expect((await p.app.inject(login('target', 'wrong-again'))).statusCode).toBe(401);
      expect((await p.app.inject(login('target', 'correct horse'))).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });
});

test('a hash made at a lower cost is redone at the next sign-in', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rehash-'));
  dirs.push(dataDir);
  const databaseUrl = await testDatabaseUrlFor();
  const cheap = await createTestPlatform({ dataDir, databaseUrl, scryptCost: { N: 1024, r: 8, p: 1 } });
  await cheap.register('old_timer');
  await cheap.close();
  const rehashed = vi.spyOn(UsersRepository.prototype, 'setPasswordHash');
  const stronger = await createTestPlatform({ dataDir, databaseUrl, scryptCost: { N: 4096, r: 8, p: 1 } });
  try {
    expect((await stronger.app.inject(login('old_timer', 'correct horse'))).statusCode).toBe(200);
    expect(rehashed).toHaveBeenCalledTimes(1);
    const stored = rehashed.mock.calls[0]![1];
    expect(stored.startsWith('scrypt$4096$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    // Now at the configured cost: the next sign-in works and hashes nothing new.
    expect((await stronger.app.inject(login('old_timer', 'correct horse'))).statusCode).toBe(200);
    expect(rehashed).toHaveBeenCalledTimes(1);
  } finally {
    rehashed.mockRestore();
    await stronger.close();
  }
});
