import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { systemAccount, userAccount } from '@shared/domain/ledger/accounts';
import { exchangeSplit } from '@shared/domain/ledger/amounts';
import { topUpEntries } from '@shared/domain/ledger/plans';
import { checkLedger } from './check-ledger';
import { Ledger } from './ledger';
import { LedgerError } from './ledger-error';
import type { WalletTables } from './schema';
import { testDialect } from '../../test-support/database';
import { openLedgerTestDb } from './test-support';

const ledger = new Ledger(() => 1_700_000_000_000);
const coins = (db: Kysely<WalletTables>, user: string) => ledger.balance(db, userAccount(user, 'coin'));
const diamonds = (db: Kysely<WalletTables>, user: string) => ledger.balance(db, userAccount(user, 'diamond'));
const topUp = (db: Kysely<WalletTables>, user: string, amount: number, key: string) =>
  db.transaction().execute((trx) => ledger.transfer(trx, { idempotencyKey: key, source: `top_up:${key}`, entries: topUpEntries(user, amount) }));

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('transfers', () => {
  let db: Kysely<WalletTables>;
  beforeEach(async () => {
    db = await openLedgerTestDb();
  });
  afterEach(() => db.destroy());

  test('a top-up credits the user and debits the top-up source; the ledger checks out', async () => {
    const result = await topUp(db, 'u1', 100, 'k1');
    expect(result).toMatchObject({ replayed: false, source: 'top_up:k1' });
    expect(await coins(db, 'u1')).toBe(100);
    expect(await ledger.balance(db, systemAccount('top_up', 'coin'))).toBe(-100);
    expect(await checkLedger(db)).toEqual({ ok: true, transfers: 1, entries: 2, problems: [] });
  });

  test('the same key and body returns the first result and moves nothing; a different body is refused', async () => {
    const first = await topUp(db, 'u1', 100, 'k1');
    const again = await topUp(db, 'u1', 100, 'k1');
    expect(again).toMatchObject({ transferId: first.transferId, replayed: true, at: first.at });
    expect([...again.entries].sort((a, b) => a.amount - b.amount)).toEqual([...first.entries].sort((a, b) => a.amount - b.amount));
    expect(await coins(db, 'u1')).toBe(100);
    expect(await refusal(topUp(db, 'u1', 101, 'k1'))).toBe('idempotency_conflict');
    expect(await coins(db, 'u1')).toBe(100);
  });

  test('a debit past zero is refused and its transaction leaves nothing behind', async () => {
    await topUp(db, 'u1', 10, 'k1');
    const spend = db.transaction().execute((trx) => ledger.spend(trx, { fromUserId: 'u1', toUserId: 'u2', coins: 11, source: 'gift:g1', idempotencyKey: 'g1' }));
    expect(await refusal(spend)).toBe('insufficient_funds');
    expect(await coins(db, 'u1')).toBe(10);
    expect(await checkLedger(db)).toMatchObject({ ok: true, transfers: 1 });
    // The key was not used up by the refused attempt.
    await topUp(db, 'u1', 1, 'k2');
    await db.transaction().execute((trx) => ledger.spend(trx, { fromUserId: 'u1', toUserId: 'u2', coins: 11, source: 'gift:g1', idempotencyKey: 'g1' }));
    expect(await coins(db, 'u1')).toBe(0);
  });

  test("a refused debit leaves the caller's transaction usable: it can still read, and nothing of the transfer is credited", async () => {
    // On PostgreSQL a transfer is one statement (ledger-queries.ts): a short account must change
    // nothing and raise no database error, or the caller's transaction would be aborted (orders read
    // the balance after a refusal to say how much is missing).
    await topUp(db, 'u1', 10, 'k1');
    let seen: Record<string, unknown> = {};
    const rolledBack = new Error('rolled back, as a LedgerError requires');
    const outcome = db.transaction().execute(async (trx) => {
      const code = await refusal(ledger.spend(trx, { fromUserId: 'u1', toUserId: 'u2', coins: 11, source: 'gift:g1', idempotencyKey: 'g1' }));
      const entries = await trx.selectFrom('ledger_entries').select('seq').execute();
      const u2 = await trx.selectFrom('ledger_accounts').select('id').where('id', '=', userAccount('u2', 'diamond')).execute();
      seen = { code, payer: await coins(trx, 'u1'), earner: await diamonds(trx, 'u2'), entries: entries.length, u2Accounts: u2.length };
      throw rolledBack;
    });
    await expect(outcome).rejects.toBe(rolledBack);
    // Only the top-up's two entries: the refused spend wrote none and opened no diamond account for u2.
    expect(seen).toEqual({ code: 'insufficient_funds', payer: 10, earner: 0, entries: 2, u2Accounts: 0 });
    expect(await checkLedger(db)).toMatchObject({ ok: true, transfers: 1 });
  });

  test('an unbalanced transfer is refused before anything is written', async () => {
    const bad = ledger.transfer(db, {
      idempotencyKey: 'x',
      source: 'top_up:x',
      entries: [
        { account: userAccount('u1', 'coin'), currency: 'coin', amount: 5 },
        { account: systemAccount('top_up', 'coin'), currency: 'coin', amount: -4 },
      ],
    });
    expect(await refusal(bad)).toBe('unbalanced');
    expect(await checkLedger(db)).toMatchObject({ ok: true, transfers: 0 });
  });

  test('a 36-coin gift gives the streamer 27 diamonds and the platform 9 coins', async () => {
    await topUp(db, 'viewer', 36, 'k1');
    await db.transaction().execute((trx) => ledger.spend(trx, { fromUserId: 'viewer', toUserId: 'streamer', coins: 36, source: 'gift:g1', idempotencyKey: 'g1' }));
    expect(await coins(db, 'viewer')).toBe(0);
    expect(await diamonds(db, 'streamer')).toBe(27);
    expect(await ledger.balance(db, systemAccount('revenue', 'coin'))).toBe(9);
    expect((await checkLedger(db)).ok).toBe(true);
  });
});

describe('holds', () => {
  let db: Kysely<WalletTables>;
  beforeEach(async () => {
    db = await openLedgerTestDb();
    await topUp(db, 'buyer', 100, 'k1');
  });
  afterEach(() => db.destroy());

  test('pending → captured pays the earner less the cut, exactly once', async () => {
    const hold = await db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 40, source: 'order:o1', idempotencyKey: 'o1' }));
    expect(hold).toMatchObject({ state: 'pending', coins: 40, replayed: false });
    expect(await coins(db, 'buyer')).toBe(60);
    expect(await ledger.balance(db, systemAccount('escrow', 'coin'))).toBe(40);
    const captured = await db.transaction().execute((trx) => ledger.capture(trx, hold.id, { toUserId: 'maker', cutBps: 2500 }));
    expect(captured).toMatchObject({ state: 'captured', capturedTo: 'maker', cutBps: 2500, replayed: false });
    expect(await diamonds(db, 'maker')).toBe(30);
    expect(await ledger.balance(db, systemAccount('escrow', 'coin'))).toBe(0);
    // The same capture again is a replay; releasing or paying someone else is refused.
    expect(await db.transaction().execute((trx) => ledger.capture(trx, hold.id, { toUserId: 'maker', cutBps: 2500 }))).toMatchObject({ replayed: true });
    expect(await refusal(db.transaction().execute((trx) => ledger.release(trx, hold.id)))).toBe('hold_settled');
    expect(await refusal(db.transaction().execute((trx) => ledger.capture(trx, hold.id, { toUserId: 'other' })))).toBe('hold_settled');
    expect(await diamonds(db, 'maker')).toBe(30);
    expect(await coins(db, 'buyer')).toBe(60);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  test('a hold row points at its hold transfer and, once settled, at its settlement; a refused hold writes no row (one statement each on PostgreSQL)', async () => {
    const hold = await db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 40, source: 'order:o1', idempotencyKey: 'o1' }));
    const refused = await refusal(db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 61, source: 'order:o9', idempotencyKey: 'o9' })));
    expect(refused).toBe('insufficient_funds');
    const released = await db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 5, source: 'order:o2', idempotencyKey: 'o2' }));
    const replayed = await db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 40, source: 'order:o1', idempotencyKey: 'o1' }));
    expect(replayed).toMatchObject({ id: hold.id, replayed: true, state: 'pending' });
    await db.transaction().execute((trx) => ledger.capture(trx, hold.id, { toUserId: 'maker' }));
    await db.transaction().execute((trx) => ledger.release(trx, released.id));
    const rows = await db.selectFrom('ledger_holds').selectAll().orderBy('created_at').orderBy('coins', 'desc').execute();
    expect(rows.map((r) => [r.id, r.user_id, Number(r.coins), r.state, r.source])).toEqual([
      [hold.id, 'buyer', 40, 'captured', 'order:o1'],
      [released.id, 'buyer', 5, 'released', 'order:o2'],
    ]);
    const transfer = (id: string | null) =>
      db
        .selectFrom('ledger_transfers')
        .select(['idempotency_key', 'source'])
        .where('id', '=', id ?? '')
        .executeTakeFirst();
    expect(await transfer(rows[0]!.hold_transfer_id)).toEqual({ idempotency_key: 'hold:o1', source: 'order:o1' });
    expect(await transfer(rows[0]!.settle_transfer_id)).toEqual({ idempotency_key: `capture:${hold.id}`, source: 'order:o1' });
    expect(await transfer(rows[1]!.hold_transfer_id)).toEqual({ idempotency_key: 'hold:o2', source: 'order:o2' });
    expect(await transfer(rows[1]!.settle_transfer_id)).toEqual({ idempotency_key: `release:${released.id}`, source: 'order:o2' });
    expect(await coins(db, 'buyer')).toBe(60);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  test('pending → released gives the coins back; a hold past the balance is refused', async () => {
    const hold = await ledger.hold(db, { userId: 'buyer', coins: 100, source: 'order:o2', idempotencyKey: 'o2' });
    expect(await refusal(db.transaction().execute((trx) => ledger.hold(trx, { userId: 'buyer', coins: 1, source: 'order:o3', idempotencyKey: 'o3' })))).toBe('insufficient_funds');
    await db.transaction().execute((trx) => ledger.release(trx, hold.id));
    expect(await coins(db, 'buyer')).toBe(100);
    expect(await refusal(db.transaction().execute((trx) => ledger.capture(trx, hold.id, { toUserId: 'maker' })))).toBe('hold_settled');
    expect(await refusal(ledger.release(db, 'hld_missing'))).toBe('not_found');
    expect(await checkLedger(db)).toMatchObject({ ok: true });
  });

  test('credited: what an account received from one kind of source, in total and since a time; debits and other sources do not count', async () => {
    let now = 1_000;
    const clocked = new Ledger(() => now);
    const paid = async (key: string, source: string, amount: number): Promise<void> => {
      const hold = await clocked.hold(db, { userId: 'buyer', coins: amount, source, idempotencyKey: key });
      await db.transaction().execute((trx) => clocked.capture(trx, hold.id, { toUserId: 'maker', cutBps: 2500 }));
    };
    await paid('c1', 'order:o1', 40); // 30 diamonds at t = 1,000
    now = 5_000;
    await paid('c2', 'order:o2', 20); // 15 at t = 5,000
    await db.transaction().execute((trx) => clocked.spend(trx, { fromUserId: 'buyer', toUserId: 'maker', coins: 8, source: 'gift:g1', idempotencyKey: 'g1' })); // 6, not an order
    await topUp(db, 'maker', 50, 'k-maker');
    await db.transaction().execute((trx) => clocked.spend(trx, { fromUserId: 'maker', toUserId: 'buyer', coins: 50, source: 'order:o3', idempotencyKey: 'o3-out' })); // maker's coins out
    const maker = userAccount('maker', 'diamond');
    expect(await clocked.credited(db, maker, 'order:', 5_000)).toEqual({ total: 45, since: 15 });
    expect(await clocked.credited(db, maker, 'order:', 5_001)).toEqual({ total: 45, since: 0 });
    expect(await clocked.credited(db, maker, 'gift:')).toEqual({ total: 6, since: 6 });
    expect(await clocked.credited(db, userAccount('maker', 'coin'), 'order:')).toEqual({ total: 0, since: 0 });
    expect(await diamonds(db, 'maker')).toBe(51);
    await expect(clocked.credited(db, maker, 'order_%')).rejects.toThrow(RangeError);
  });
});

test('check-ledger reports a cached balance that drifted, a negative account and a half transfer', async () => {
  const db = await openLedgerTestDb();
  try {
    await topUp(db, 'u1', 10, 'k1');
    await db.updateTable('ledger_accounts').set({ balance: 11 }).where('id', '=', userAccount('u1', 'coin')).execute();
    await db.insertInto('ledger_transfers').values({ id: 'trf_half', idempotency_key: 'half', fingerprint: '', source: 'top_up:half', created_at: 0 }).execute();
    const report = await checkLedger(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([expect.stringContaining('cached balance 11 but its entries sum to 10'), 'transfer trf_half has no entries']));
  } finally {
    await db.destroy();
  }
});

// ---- Random sequences against a model: always balanced, never negative, replays change nothing ----

const USERS: readonly string[] = ['ua', 'ub', 'uc'];
/** Each run gets its own users in one shared database (a fresh PostgreSQL database per run is slow). */
let run = 0;
const who = (i: number): string => `r${run}-${USERS[i]!}`;
type Op =
  | { kind: 'topUp'; user: number; coins: number }
  | { kind: 'hold'; user: number; coins: number }
  | { kind: 'spend'; user: number; to: number; coins: number; cut: number }
  | { kind: 'capture'; hold: number; to: number; cut: number }
  | { kind: 'release'; hold: number }
  | { kind: 'replay'; of: number };

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const amount = fc.integer({ min: 1, max: 60 });
const cut = fc.constantFrom(0, 2500, 3333, 10_000);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('topUp' as const), user, coins: amount }),
  fc.record({ kind: fc.constant('hold' as const), user, coins: amount }),
  fc.record({ kind: fc.constant('spend' as const), user, to: user, coins: amount, cut }),
  fc.record({ kind: fc.constant('capture' as const), hold: fc.nat(20), to: user, cut }),
  fc.record({ kind: fc.constant('release' as const), hold: fc.nat(20) }),
  fc.record({ kind: fc.constant('replay' as const), of: fc.nat(40) }),
);

interface Model {
  coins: number[];
  diamonds: number[];
  revenue: number;
  usedKeys: Set<string>;
  holds: { id: string; user: number; coins: number; state: 'pending' | 'captured' | 'released'; to?: number; cut?: number }[];
}

/** What the model expects one op to do: 'ok', 'replay' or a refusal code; applies it to the model when ok. */
function expectOutcome(model: Model, o: Exclude<Op, { kind: 'replay' }>, key: string): string {
  switch (o.kind) {
    case 'topUp':
      if (model.usedKeys.has(key)) return 'replay';
      model.coins[o.user]! += o.coins;
      model.usedKeys.add(key);
      return 'ok';
    case 'hold':
      if (model.usedKeys.has(key)) return 'replay';
      if (model.coins[o.user]! < o.coins) return 'insufficient_funds';
      model.coins[o.user]! -= o.coins;
      model.usedKeys.add(key);
      return 'ok';
    case 'spend': {
      if (model.usedKeys.has(key)) return 'replay';
      if (model.coins[o.user]! < o.coins) return 'insufficient_funds';
      const split = exchangeSplit(o.coins, o.cut);
      model.coins[o.user]! -= o.coins;
      model.diamonds[o.to]! += split.earner;
      model.revenue += split.platform;
      model.usedKeys.add(key);
      return 'ok';
    }
    case 'capture':
    case 'release': {
      const hold = model.holds[o.hold];
      if (!hold) return 'skip';
      const next = o.kind === 'capture' ? 'captured' : 'released';
      if (hold.state !== 'pending') {
        const same = hold.state === next && (o.kind === 'release' || (hold.to === o.to && hold.cut === o.cut));
        return same ? 'replay' : 'hold_settled';
      }
      hold.state = next;
      if (o.kind === 'capture') {
        const split = exchangeSplit(hold.coins, o.cut);
        Object.assign(hold, { to: o.to, cut: o.cut });
        model.diamonds[o.to]! += split.earner;
        model.revenue += split.platform;
      } else model.coins[hold.user]! += hold.coins;
      return 'ok';
    }
    default: {
      const unreachable: never = o;
      return unreachable;
    }
  }
}

async function runOp(db: Kysely<WalletTables>, model: Model, o: Exclude<Op, { kind: 'replay' }>, key: string): Promise<string> {
  return refusal(
    db.transaction().execute(async (trx) => {
      switch (o.kind) {
        case 'topUp':
          return ledger.transfer(trx, { idempotencyKey: key, source: `top_up:${key}`, entries: topUpEntries(who(o.user), o.coins) });
        case 'hold': {
          const hold = await ledger.hold(trx, { userId: who(o.user), coins: o.coins, source: `order:${key}`, idempotencyKey: key });
          if (!hold.replayed) model.holds.push({ id: hold.id, user: o.user, coins: o.coins, state: 'pending' });
          return hold;
        }
        case 'spend':
          return ledger.spend(trx, { fromUserId: who(o.user), toUserId: who(o.to), coins: o.coins, cutBps: o.cut, source: `gift:${key}`, idempotencyKey: key });
        case 'capture':
          return ledger.capture(trx, model.holds[o.hold]!.id, { toUserId: who(o.to), cutBps: o.cut });
        case 'release':
          return ledger.release(trx, model.holds[o.hold]!.id);
        default: {
          const unreachable: never = o;
          return unreachable;
        }
      }
    }),
  );
}

test('random sequences of top-ups, holds, captures, releases, spends and replays stay balanced, never negative, and match the model', async () => {
  const db = await openLedgerTestDb();
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
      run++;
      const revenueBefore = await ledger.balance(db, systemAccount('revenue', 'coin'));
      const model: Model = { coins: [0, 0, 0], diamonds: [0, 0, 0], revenue: revenueBefore, usedKeys: new Set(), holds: [] };
      {
        const history: { op: Exclude<Op, { kind: 'replay' }>; key: string }[] = [];
        for (const [i, o] of ops.entries()) {
          const step = o.kind === 'replay' ? history[o.of % Math.max(history.length, 1)] : { op: o, key: `r${run}-k${i}` };
          if (!step) continue;
          if (o.kind !== 'replay') history.push(step);
          const expected = expectOutcome(model, step.op, step.key);
          if (expected === 'skip') continue;
          const actual = await runOp(db, model, step.op, step.key);
          expect(actual === 'accepted' ? (expected === 'replay' ? 'replay' : 'ok') : actual).toBe(expected);
        }
        for (const i of USERS.keys()) {
          expect(await coins(db, who(i))).toBe(model.coins[i]);
          expect(await diamonds(db, who(i))).toBe(model.diamonds[i]);
        }
        expect(await ledger.balance(db, systemAccount('revenue', 'coin'))).toBe(model.revenue);
        expect(await checkLedger(db)).toMatchObject({ ok: true, problems: [] });
      }
    }),
    { numRuns: testDialect() === 'postgres' ? 25 : 60 },
  );
  await db.destroy();
});

test('spends racing for the last coins: exactly as many succeed as the balance covers', async () => {
  const db = await openLedgerTestDb();
  try {
    await topUp(db, 'racer', 10, 'k1');
    const spend = (key: string, amount: number) =>
      refusal(db.transaction().execute((trx) => ledger.spend(trx, { fromUserId: 'racer', toUserId: 'u2', coins: amount, source: `gift:${key}`, idempotencyKey: key })));
    expect((await Promise.all([spend('a', 10), spend('b', 10)])).sort()).toEqual(['accepted', 'insufficient_funds']);
    await topUp(db, 'racer', 10, 'k2');
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => spend(`c${i}`, 1)));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'insufficient_funds')).toHaveLength(20);
    expect(await coins(db, 'racer')).toBe(0);
    expect((await checkLedger(db)).ok).toBe(true);
  } finally {
    await db.destroy();
  }
});

test('concurrent first credits to one new account all land (the account opens once)', async () => {
  const db = await openLedgerTestDb();
  try {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => refusal(topUp(db, 'newcomer', 5, `first-${i}`))));
    expect(results).toEqual(Array.from({ length: 20 }, () => 'accepted'));
    expect(await coins(db, 'newcomer')).toBe(100);
    expect((await checkLedger(db)).ok).toBe(true);
  } finally {
    await db.destroy();
  }
});
