import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { featureMigrations } from './app';
import { openDatabase } from './kernel/db/database';
import { testDialect } from './test-support/database';
import { createTestPlatform } from './test-support/harness';
import { runCheckLedger } from './features/wallet/check-ledger-command';

const ROOT = path.resolve(import.meta.dirname, '..');

// The command itself is dialect-blind; it runs once, on SQLite.
test.runIf(testDialect() === 'sqlite')('npm run platform -- check-ledger reports a sound ledger (exit 0) and a tampered one (exit 1)', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'check-ledger-'));
  try {
    const p = await createTestPlatform({ dataDir, databaseUrl: undefined });
    const { token } = await p.register('checked');
    await p.app.inject({ method: 'POST', url: '/api/v1/wallet/top-up', headers: { authorization: `Bearer ${token}` }, payload: { coins: 50, idempotencyKey: 'check-1234' } });
    await p.close();
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), 'check-ledger', '--data-dir', dataDir], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PLATFORM_DATABASE_URL: '' },
      });
    const sound = run();
    expect(sound.stdout, sound.stderr).toBe('1 transfers, 2 entries: the ledger checks out\n');
    expect(sound.status).toBe(0);

    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path.join(dataDir, 'platform.sqlite'));
    raw.prepare("update ledger_accounts set balance = balance + 1 where id like 'user:%'").run();
    raw.close();
    const lines: string[] = [];
    const db = await openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'platform.sqlite') }, featureMigrations);
    expect(await runCheckLedger(db, (line) => lines.push(line))).toBe(1);
    await db.destroy();
    expect(lines).toEqual(['1 transfers, 2 entries: 1 problems', expect.stringMatching(/^ {2}account user:usr_\w+:coin: cached balance 51 but its entries sum to 50$/)]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
