import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildPlatform } from './app';
import { testDatabaseUrlFor } from './test-support/database';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const login = (handle: string, password: string, headers: Record<string, string> = {}) => ({ method: 'POST' as const, url: '/api/v1/auth/login', payload: { handle, password }, headers });

describe('trustProxy', () => {
  const attempts = async (trustProxy: boolean) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trust-proxy-'));
    dirs.push(dataDir);
    const app = await buildPlatform(
      {
        dataDir,
        databaseUrl: await testDatabaseUrlFor(),
        seed: null,
        scryptCost: { N: 1024, r: 8, p: 1 },
        mediaTools: null,
        authRateLimit: { max: 2, timeWindowMs: 60_000 },
        loginBackoff: { freeFailures: 100 },
      },
      { trustProxy },
    );
    try {
      const codes: number[] = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        for (let i = 0; i < 2; i++) codes.push((await app.inject(login('nobody_here', 'wrong-pass', { 'x-forwarded-for': client }))).statusCode);
      }
      return codes;
    } finally {
      await app.close();
    }
  };

  test('without it X-Forwarded-For is ignored (one budget for the proxy); with it each client has its own', async () => {
    expect(await attempts(false)).toEqual([401, 401, 429, 429, 429, 429]);
    expect(await attempts(true)).toEqual([401, 401, 401, 401, 401, 401]);
  });
});

test('--trust-proxy / PLATFORM_TRUST_PROXY and --allowed-host / PLATFORM_ALLOWED_HOSTS are read from the command line', async () => {
  const { parseServerConfig } = await import('./kernel/config');
  expect(parseServerConfig([], {}, '/d')).not.toHaveProperty('trustProxy');
  expect(parseServerConfig(['--trust-proxy', 'true'], {}, '/d').trustProxy).toBe(true);
  expect(parseServerConfig(['--trust-proxy', '1'], {}, '/d').trustProxy).toBe(1);
  expect(parseServerConfig([], { PLATFORM_TRUST_PROXY: '10.0.0.1,10.1.0.0/16' }, '/d').trustProxy).toBe('10.0.0.1,10.1.0.0/16');
  expect(parseServerConfig(['--allowed-host', 'studio.example.com', '--allowed-host', 'cdn.example.com:8443'], { PLATFORM_ALLOWED_HOSTS: 'a.example' }, '/d').allowedHosts).toEqual([
    'a.example',
    'studio.example.com',
    'cdn.example.com:8443',
  ]);
});
