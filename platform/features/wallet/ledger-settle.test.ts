import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { userAccount } from '@shared/domain/ledger/accounts';
import { topUpEntries } from '@shared/domain/ledger/plans';
import { openDatabase } from '../../kernel/db/database';
import { testDialect } from '../../test-support/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { checkLedger } from './check-ledger';
import { Ledger } from './ledger';
import { LedgerError } from './ledger-error';
import { walletMigrations } from './migrations/index';
import type { WalletTables } from './schema';
import { openLedgerTestDb } from './test-support';

/** The ledger's database, and on PostgreSQL the statements sent to it (counted per settlement). */
let db: Kysely<WalletTables>;
const statements: string[] = [];
beforeAll(async () => {
  if (testDialect() !== 'postgres') {
    db = await openLedgerTestDb();
    return;
  }
  const url = await testDatabaseUrl();
  await (await openDatabase({ kind: 'postgres', url }, walletMigrations)).destroy();
  const log = (event: LogEvent) => void statements.push(event.query.sql);
  db = new Kysely<WalletTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }), log });
});
afterAll(() => db.destroy());

const countStatements = async <T>(work: () => Promise<T>): Promise<{ result: T; count: number }> => {
  const before = statements.length;
  const result = await work();
  return { result, count: statements.length - before };
};

async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'settled';
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
}

test('a hold settled by the ledger that made it and by one that did not (another node) ends the same; one statement for the first on PostgreSQL', async () => {
  const maker = new Ledger(() => 1_700_000_000_000);
  const other = new Ledger(() => 1_700_000_000_000);
  await maker.transfer(db, { idempotencyKey: 'top', source: 'top_up:1', entries: topUpEntries('payer', 100) });
  const holds = [];
  for (const key of ['a', 'b', 'c', 'd']) holds.push(await maker.hold(db, { userId: 'payer', coins: 20, source: `order:${key}`, idempotencyKey: key }));
  const [a, b, c, d] = holds as [(typeof holds)[0], (typeof holds)[0], (typeof holds)[0], (typeof holds)[0]];

  const fast = await countStatements(() => db.transaction().execute((trx) => maker.capture(trx, a.id, { toUserId: 'earner', cutBps: 2500 })));
  const slow = await countStatements(() => db.transaction().execute((trx) => other.capture(trx, b.id, { toUserId: 'earner', cutBps: 2500 })));
  const { id: _a, ...fastHold } = fast.result;
  const { id: _b, ...slowHold } = slow.result;
  expect(fastHold).toEqual({ ...slowHold, source: 'order:a' });
  expect(fastHold).toMatchObject({ state: 'captured', capturedTo: 'earner', cutBps: 2500, coins: 20, replayed: false });
  await db.transaction().execute((trx) => maker.release(trx, c.id));
  await db.transaction().execute((trx) => other.release(trx, d.id));
  if (testDialect() === 'postgres') {
    // begin, the settlement, commit; the long way reads and updates the hold apart from its transfer.
    expect(fast.count).toBe(3);
    expect(slow.count).toBe(4);
  }

  const rows = await db.selectFrom('ledger_holds').selectAll().orderBy('source').execute();
  const transfers = await db.selectFrom('ledger_transfers').select(['id', 'idempotency_key', 'source']).execute();
  const byId = new Map(transfers.map((t) => [t.id, t]));
  expect(rows.map((r) => [r.source, r.state, r.captured_to, r.cut_bps === null ? null : Number(r.cut_bps), byId.get(r.settle_transfer_id!)?.idempotency_key])).toEqual([
    ['order:a', 'captured', 'earner', 2500, `capture:${a.id}`],
    ['order:b', 'captured', 'earner', 2500, `capture:${b.id}`],
    ['order:c', 'released', null, null, `release:${c.id}`],
    ['order:d', 'released', null, null, `release:${d.id}`],
  ]);
  expect(rows.every((r) => byId.get(r.settle_transfer_id!)?.source === r.source)).toBe(true);
  expect(await maker.balance(db, userAccount('payer', 'coin'))).toBe(60);
  expect(await maker.balance(db, userAccount('earner', 'diamond'))).toBe(30);

  // Settled once: the same settlement again replays, anything else is refused, by either ledger.
  expect(await db.transaction().execute((trx) => maker.capture(trx, a.id, { toUserId: 'earner', cutBps: 2500 }))).toMatchObject({ replayed: true });
  expect(await outcome(db.transaction().execute((trx) => maker.release(trx, b.id)))).toBe('hold_settled');
  expect(await outcome(db.transaction().execute((trx) => other.capture(trx, c.id, { toUserId: 'earner' })))).toBe('hold_settled');
  expect(await checkLedger(db)).toMatchObject({ ok: true, problems: [] });
});

test('ten settlements racing for one hold: exactly one moves money, the same one replays and the others are refused', async () => {
  const ledger = new Ledger(() => 1_700_000_000_000);
  await ledger.transfer(db, { idempotencyKey: 'race-top', source: 'top_up:race', entries: topUpEntries('racer', 50) });
  const hold = await ledger.hold(db, { userId: 'racer', coins: 50, source: 'order:race', idempotencyKey: 'race' });
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, (_, i) => outcome(db.transaction().execute((trx) => (i % 2 === 0 ? ledger.capture(trx, hold.id, { toUserId: 'winner', cutBps: 0 }) : ledger.release(trx, hold.id))))),
  );
  expect(outcomes.filter((o) => o === 'settled').length).toBeGreaterThanOrEqual(1);
  expect(outcomes.every((o) => o === 'settled' || o === 'hold_settled')).toBe(true);
  const settled = await ledger.holdById(db, hold.id);
  const paid = (await ledger.balance(db, userAccount('winner', 'diamond'))) + (await ledger.balance(db, userAccount('racer', 'coin')));
  expect(paid).toBe(50);
  // Replays are only of the settlement that won: all captures or all releases succeeded.
  expect(outcomes.filter((o, i) => o === 'settled' && (i % 2 === 0 ? 'captured' : 'released') !== settled!.state)).toEqual([]);
  expect(
    await db
      .selectFrom('ledger_transfers')
      .select('id')
      .where('idempotency_key', 'in', [`capture:${hold.id}`, `release:${hold.id}`])
      .execute(),
  ).toHaveLength(1);
  expect(await checkLedger(db)).toMatchObject({ ok: true, problems: [] });
});
