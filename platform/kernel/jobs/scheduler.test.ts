import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { openTestDb, testDialect as testDialect, type TestDb } from '../../test-support/database';
import { openDatabase, type Db } from '../db/database';
import { Scheduler, type SchedulerOptions } from './scheduler';

let testDb: TestDb;
let db: Db;
let time = Date.UTC(2026, 11, 1, 12, 0, 0);
const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
const schedulers: Scheduler[] = [];

beforeAll(async () => {
  testDb = await openTestDb();
  db = testDb.db;
});
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  await db.deleteFrom('jobs').execute();
  await db.deleteFrom('users').execute();
});
afterAll(() => testDb.close());

function scheduler(options: Partial<SchedulerOptions> = {}): Scheduler {
  const s = new Scheduler({ db, now: clock.now, pollMs: 60_000, ...options });
  schedulers.push(s);
  return s;
}
const user = (id: string) => ({ id, handle: id, display_name: id, password_hash: 'x', created_at: 1 });

test('a deadline job runs once the clock reaches it, not before, with its payload, and is gone after', async () => {
  const s = scheduler();
  const seen: unknown[] = [];
  s.define('order-deadline', async (job) => void seen.push([job.key, job.payload, job.attempt]));
  await s.start();
  await s.schedule('order-deadline', 'ord_1', clock.now() + 60_000, { orderId: 'ord_1' });
  expect(await s.runDue()).toBe(0);
  clock.advance(59_999);
  expect(await s.runDue()).toBe(0);
  clock.advance(1);
  expect(await s.runDue()).toBe(1);
  expect(seen).toEqual([['ord_1', { orderId: 'ord_1' }, 1]]);
  clock.advance(3_600_000);
  expect(await s.runDue()).toBe(0);
  expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
});

test("a failing deadline job's writes roll back; it is retried with backoff and its error kept; cancel() drops a pending one", async () => {
  const s = scheduler();
  let fail = true;
  s.define('convert', async (job, trx) => {
    await trx
      .insertInto('users')
      .values(user(`usr_${job.key}_${job.attempt}`))
      .execute();
    if (fail) throw new Error('provider unreachable');
  });
  await s.start();
  await s.schedule('convert', 'g1', clock.now());
  await s.schedule('convert', 'g2', clock.now() + 1000);
  await s.cancel('convert', 'g2');
  expect(await s.runDue()).toBe(1);
  expect(await db.selectFrom('users').selectAll().execute()).toEqual([]);
  const row = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
  expect(row).toMatchObject({ key: 'g1', attempts: 1, last_error: 'provider unreachable', locked_until: null, run_at: clock.now() + 2000 });
  fail = false;
  clock.advance(1999);
  expect(await s.runDue()).toBe(0);
  clock.advance(1);
  expect(await s.runDue()).toBe(1);
  expect((await db.selectFrom('users').select('id').execute()).map((r) => r.id)).toEqual(['usr_g1_2']);
  expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
});

test('a periodic job runs at start (the first sweep does not wait), then again each period', async () => {
  const s = scheduler();
  const runs: number[] = [];
  s.every('sweep', 3_600_000, async (now) => void runs.push(now));
  const started = clock.now();
  await s.start();
  expect(runs).toEqual([started]);
  clock.advance(3_599_999);
  await s.runDue();
  expect(runs).toHaveLength(1);
  clock.advance(1);
  await s.runDue();
  expect(runs).toEqual([started, started + 3_600_000]);
});

// Several nodes share one database on PostgreSQL only: SQLite is the embedded, single-node choice
// (two in-process better-sqlite3 connections would block each other's thread outright).
test.runIf(testDialect() === 'postgres')('two nodes on one database: every due job runs exactly once between them', async () => {
  const second = await openDatabase(testDb.target);
  try {
    const ranBy = new Map<string, string[]>();
    const node = (name: string, nodeDb: Db) => {
      const s = scheduler({ db: nodeDb, batchSize: 5 });
      s.define('deliver', async (job, trx) => {
        ranBy.set(job.key, [...(ranBy.get(job.key) ?? []), name]);
        await trx
          .insertInto('users')
          .values(user(`usr_${job.key}`))
          .execute();
      });
      return s;
    };
    const a = node('a', db);
    const b = node('b', second);
    await a.start();
    await b.start();
    for (let i = 0; i < 40; i++) await a.schedule('deliver', `k${i}`, clock.now() - i);
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(40);
    expect([...ranBy.values()].every((nodes) => nodes.length === 1)).toBe(true);
    expect(ranBy.size).toBe(40);
    expect(
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 40 });
  } finally {
    await second.destroy();
  }
});

test.runIf(testDialect() === 'postgres')('a job held by a node that died is taken over once its lease runs out', async () => {
  const hung = scheduler({ leaseMs: 10_000 });
  let release: (() => void) | null = null;
  hung.define('deliver', () => new Promise<void>((_resolve, reject) => void (release = () => reject(new Error('node died')))));
  await hung.start();
  await hung.schedule('deliver', 'k', clock.now());
  const stuck = hung.runDue();
  await expect.poll(() => release).not.toBeNull();

  const healthy = scheduler({ leaseMs: 10_000 });
  const ran: string[] = [];
  healthy.define('deliver', async (job) => void ran.push(job.key));
  await healthy.start();
  expect(await healthy.runDue()).toBe(0); // still leased
  clock.advance(10_000);
  expect(await healthy.runDue()).toBe(1);
  expect(ran).toEqual(['k']);
  release!();
  await stuck;
  // The dead node's late failure does not bring the finished job back.
  expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
});
