import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openTestDb, type TestDb } from '../../test-support/database';
import { backgroundCheckpointer } from './database';
import { isUniqueViolation } from './errors';
import { SLOW_BATCH_MS } from './group-commit';
import { afterCommit, enableGroupCommit, groupCommitStats, transaction, type Trx } from './transaction';

// Group commit is how the embedded SQLite file runs transactions; PostgreSQL keeps one transaction per caller.
let t: TestDb;
beforeEach(async () => {
  t = await openTestDb('sqlite');
  // Wide bounds, so every transaction started together lands in one batch even on a loaded machine.
  enableGroupCommit(t.db, { maxBatch: 1000, maxBatchMs: 60_000 });
});
afterEach(() => t.close());

const user = (id: string) => ({ id, handle: `h_${id}`, display_name: id, password_hash: 'x', created_at: 1 });
const insertUser = (id: string) => (trx: Trx) => trx.insertInto('users').values(user(id)).execute();
const ids = async () => (await t.db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
/** A second connection to the file: sees only what was committed. */
const committedIds = (): string[] => {
  const other = new Database((t.target as { file: string }).file, { readonly: true });
  try {
    return (other.prepare('select id from users order by id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    other.close();
  }
};

test('transactions that wait share one write transaction, and every one of them commits', async () => {
  const before = groupCommitStats(t.db)!;
  const names = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
  await Promise.all(names.map((id) => transaction(t.db, insertUser(id))));
  const after = groupCommitStats(t.db)!;
  expect(after.transactions - before.transactions).toBe(40);
  // The first one starts alone; the 39 queued behind it share the next COMMIT at most.
  expect(after.batches - before.batches).toBeLessThanOrEqual(2);
  expect(committedIds()).toEqual(names);
});

test('one transaction that throws in a batch is rolled back alone, and only its caller hears its error', async () => {
  const before = groupCommitStats(t.db)!;
  const outcomes = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      transaction(t.db, async (trx) => {
        await insertUser(`u${i}`)(trx);
        if (i === 3) throw new Error('business rule refused u3');
        // A statement that fails: its caller sees the driver's error, as with a transaction of its own.
        if (i === 6) await insertUser('u0')(trx);
        return i;
      }),
    ),
  );
  expect(groupCommitStats(t.db)!.batches - before.batches).toBeLessThanOrEqual(2);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(new Error('business rule refused u3'));
  expect(isUniqueViolation((outcomes[6] as PromiseRejectedResult).reason)).toBe(true);
  expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
  // u3's and u6's own rows are gone with them (u6 had written u6 before its failing statement).
  expect(committedIds()).toEqual(['u0', 'u1', 'u2', 'u4', 'u5', 'u7', 'u8', 'u9']);
});

test('a caller is answered only after the COMMIT, and only the committed ones run their afterCommit hooks', async () => {
  const seen: string[] = [];
  const visibleAtAnswer = new Map<string, boolean>();
  await Promise.allSettled(
    ['a', 'b', 'c'].map((id) =>
      transaction(t.db, async (trx) => {
        await insertUser(id)(trx);
        afterCommit(trx, () => seen.push(id));
        if (id === 'b') throw new Error('b refused');
      }).then(() => visibleAtAnswer.set(id, committedIds().includes(id))),
    ),
  );
  expect(seen).toEqual(['a', 'c']);
  expect(Object.fromEntries(visibleAtAnswer)).toEqual({ a: true, c: true });
});

test('when the write transaction itself fails, every caller in it is refused and none of it is written', async () => {
  // A deferred foreign key is checked at COMMIT: one caller's bad row makes the whole COMMIT fail.
  await sql`create table gc_parent (id text primary key)`.execute(t.db);
  await sql`create table gc_child (id text primary key, parent text references gc_parent (id) deferrable initially deferred)`.execute(t.db);
  const outcomes = await Promise.allSettled([
    transaction(t.db, insertUser('first')),
    transaction(t.db, (trx) => sql`insert into gc_child (id, parent) values ('orphan', 'missing')`.execute(trx)),
    transaction(t.db, insertUser('second')),
    transaction(t.db, insertUser('third')),
  ]);
  // 'first' may have committed alone before the others queued; the batch holding the orphan did not.
  const refused = outcomes.map((o) => o.status === 'rejected');
  expect(refused.slice(1)).toEqual([true, true, true]);
  for (const o of outcomes.filter((x) => x.status === 'rejected')) expect(String((o as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
  expect(await ids()).toEqual(refused[0] ? [] : ['first']);
  expect((await sql<{ n: number }>`select count(*) as n from gc_child`.execute(t.db)).rows[0]!.n).toBe(0);
  // The database is usable afterwards.
  await transaction(t.db, insertUser('after'));
  expect(committedIds()).toContain('after');
});

test('a transaction given to transaction() joins it: nested work commits or rolls back with its batch member', async () => {
  const outcomes = await Promise.allSettled([
    transaction(t.db, async (trx) => {
      await transaction(trx, insertUser('outer_ok'));
    }),
    transaction(t.db, async (trx) => {
      await transaction(trx, insertUser('inner_gone'));
      throw new Error('outer failed');
    }),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
  expect(committedIds()).toEqual(['outer_ok']);
});

test('a write transaction that took over SLOW_BATCH_MS is counted as slow, and as slow in COMMIT only when COMMIT took the time', async () => {
  const before = groupCommitStats(t.db)!;
  await transaction(t.db, insertUser('quick'));
  const afterQuick = groupCommitStats(t.db)!;
  expect(afterQuick.slowBatches - before.slowBatches).toBe(0);
  // Its caller's own work, not the COMMIT, holds this one up.
  await transaction(t.db, async (trx) => {
    await insertUser('slow')(trx);
    await new Promise((r) => setTimeout(r, SLOW_BATCH_MS + 10));
  });
  const afterSlow = groupCommitStats(t.db)!;
  expect(afterSlow.slowBatches - afterQuick.slowBatches).toBe(1);
  expect(afterSlow.slowInCommit - afterQuick.slowInCommit).toBe(0);
  expect(committedIds()).toEqual(['quick', 'slow']);
});

test('once busy, the database checkpoints its WAL from a thread of its own', async () => {
  expect(backgroundCheckpointer(t.db)).toBeNull();
  for (let i = 0; i < 120; i++) await transaction(t.db, insertUser(`c${i}`));
  const checkpointer = backgroundCheckpointer(t.db);
  expect(checkpointer).not.toBeNull();
  const result = await checkpointer!.checkpointNow();
  expect(result.walFrames).toBeGreaterThan(0);
  // Nobody else is reading or writing: every frame of the WAL reached the database file.
  expect(result.copied).toBe(result.walFrames);
  expect(checkpointer!.lastError).toBeNull();
  expect(committedIds()).toHaveLength(120);
});
