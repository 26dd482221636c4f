import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

test('server.ts prints only its loopback URL on stdout, honours PLATFORM_* and --no-seed, and stops on SIGTERM', async () => {
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
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handle: 'viewer_ana', password: 'demo-viewer-pass' }) });
    expect(login.status).toBe(401);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(lines).toHaveLength(1); // logs went to stderr
});
