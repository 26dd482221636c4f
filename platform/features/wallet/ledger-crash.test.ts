import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { userAccount } from '@shared/domain/ledger/accounts';
import { checkLedger } from './check-ledger';
import { Ledger } from './ledger';
import { openDatabase } from '../../kernel/db/database';
import { walletMigrations } from './migrations/index';
import { ledgerDb } from './schema';
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

test('a process killed with SIGKILL while group commit batches many callers keeps every answered transaction and no half of any', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-group-kill-'));
  const file = path.join(dir, 'ledger.sqlite');
  const answered = new Set<string>();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ledger-group.fixture.ts'), file, '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Killed a few milliseconds after 400 answers, with the next batch being written.
    await new Promise<void>((resolve, reject) => {
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => {
        pending += String(chunk);
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) answered.add(line.replace(/^ok /, ''));
        if (answered.size >= 400) setTimeout(resolve, 15);
      });
      child.once('exit', () => reject(new Error(`the writer exited early after ${answered.size} answers`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const db = ledgerDb(await openDatabase({ kind: 'sqlite', file }, walletMigrations));
    try {
      const report = await checkLedger(db);
      expect(report.problems).toEqual([]);
      // Each logical transaction is a top-up and a spend: both or neither.
      const keys = (await db.selectFrom('ledger_transfers').select('idempotency_key').execute()).map((r) => r.idempotency_key);
      const topUps = new Set(keys.filter((k) => k.startsWith('t-')).map((k) => k.slice(2)));
      const spends = new Set(keys.filter((k) => k.startsWith('g-')).map((k) => k.slice(2)));
      expect([...topUps].sort()).toEqual([...spends].sort());
      // Nothing a caller was told had committed is missing.
      expect([...answered].filter((k) => !topUps.has(k))).toEqual([]);
      const ledger = new Ledger(() => 0);
      expect(await ledger.balance(db, userAccount('earner', 'diamond'))).toBe(spends.size * 3);
      for (let w = 0; w < 20; w++) expect(await ledger.balance(db, userAccount(`payer${w}`, 'coin'))).toBe(0);
    } finally {
      await db.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
