import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { userAccount } from '@shared/domain/ledger/accounts';
import { checkLedger } from './check-ledger';
import { Ledger } from './ledger';
import { openLedgerTestDb } from './test-support';

const BATCH = 100;

test('a process killed with SIGKILL in the middle of a batch leaves whole batches only and a sound ledger', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-kill-'));
  const file = path.join(dir, 'ledger.sqlite');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ledger-batch.fixture.ts'), file, String(BATCH)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Kill a few milliseconds after the third commit: the fourth batch is then being written.
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes('committed 2\n')) setTimeout(resolve, 15);
      });
      child.once('exit', () => reject(new Error(`the batch writer exited early: ${output}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const db = await openLedgerTestDb(file);
    try {
      const report = await checkLedger(db);
      expect(report.problems).toEqual([]);
      // Each batch is 2·BATCH transfers of which none or all committed.
      expect(report.transfers % (2 * BATCH)).toBe(0);
      expect(report.transfers).toBeGreaterThanOrEqual(3 * 2 * BATCH);
      const ledger = new Ledger(() => 0);
      expect(await ledger.balance(db, userAccount('payer', 'coin'))).toBe(0);
      expect(await ledger.balance(db, userAccount('earner', 'diamond'))).toBe((report.transfers / 2) * 3);
    } finally {
      await db.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
