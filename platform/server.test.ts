import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from 'vitest';
import { testDialect } from './test-support/database';
import { testDatabaseUrl } from './test-support/postgres';

const ROOT = path.resolve(import.meta.dirname, '..');

test.runIf(testDialect() === 'sqlite')('server.ts prints only its loopback URL on stdout, honours PLATFORM_* and --no-seed, and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), '--no-seed'], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_PORT: '0', PLATFORM_DATA_DIR: dataDir, PLATFORM_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stdout = createInterface({ input: child.stdout });
  stdout.on('line', (l) => lines.push(l));
  try {
    await expect.poll(() => lines.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const url = lines[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const items = (await (await fetch(`${url}/api/v1/items`)).json()) as { items: unknown[] };
    expect(items.items).toEqual([]);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'viewer_ana', password: 'demo-viewer-pass' }),
    });
    expect(login.status).toBe(401);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(lines).toHaveLength(1); // logs went to stderr
});

test.runIf(testDialect() === 'postgres')(
  'server.ts with PLATFORM_DATABASE_URL keeps accounts in PostgreSQL: they outlive the process and its data dir',
  async () => {
    const databaseUrl = await testDatabaseUrl();
    const start = (dataDir: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), '--no-seed', '--port', '0', '--data-dir', dataDir], {
        cwd: ROOT,
        env: { ...process.env, PLATFORM_DATABASE_URL: databaseUrl, PLATFORM_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const stop = async () => {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      };
      return { url, stop };
    };
    const dirs = [mkdtempSync(path.join(os.tmpdir(), 'platform-server-')), mkdtempSync(path.join(os.tmpdir(), 'platform-server-'))];
    try {
      const first = start(dirs[0]!);
      const register = await fetch(`${await first.url}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle: 'pg_user', password: 'long enough', displayName: 'PG' }),
      });
      expect(register.status).toBe(201);
      await first.stop();
      const second = start(dirs[1]!);
      const login = await fetch(`${await second.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handle: 'pg_user', password: 'long enough' }),
      });
      expect(login.status).toBe(200);
      await second.stop();
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  },
  120_000,
); // two process starts: ~7 s each when idle, 30 s and more on a loaded 2-core machine
