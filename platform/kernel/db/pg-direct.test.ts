import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { testDialect } from '../../test-support/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { usePgStatements } from './pg-direct';

interface Wire {
  on(event: string, listener: () => void): void;
}

const opened: { end(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.end();
});

/** A one-connection pool with usePgStatements, and counts of what its server answered. */
async function open() {
  const url = await testDatabaseUrl();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  usePgStatements(pool);
  const seen = { roundTrips: 0, parses: 0 };
  pool.on('connect', (client) => {
    const wire = (client as unknown as { connection: Wire }).connection;
    wire.on('readyForQuery', () => seen.roundTrips++);
    wire.on('parseComplete', () => seen.parses++);
  });
  const db = new Kysely<{ t: { id: number } }>({ dialect: new PostgresDialect({ pool }) });
  opened.push({ end: () => db.destroy() });
  await sql`create table t (id integer primary key)`.execute(db);
  // A connection's first transaction sends its BEGIN alone (and prepares it); the tests are about the ones after.
  await db.transaction().execute(() => Promise.resolve());
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  opened.push(other);
  const countSeenByOthers = async () => Number((await other.query<{ n: string }>('select count(*) as n from t')).rows[0]!.n);
  const reset = () => Object.assign(seen, { roundTrips: 0, parses: 0 });
  return { db, pool, seen, reset, countSeenByOthers };
}

describe.runIf(testDialect() === 'postgres')('PostgreSQL connections (usePgStatements)', () => {
  test("a transaction's BEGIN travels with its first statement: one round trip fewer, and that statement is inside the transaction", async () => {
    const { db, seen, reset, countSeenByOthers } = await open();
    reset();
    let seenMidway = -1;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 1 }).execute();
      // Had the insert run before BEGIN (autocommit), another session would see it now.
      seenMidway = await countSeenByOthers();
      await trx.insertInto('t').values({ id: 2 }).execute();
    });
    expect(seenMidway).toBe(0);
    expect(await countSeenByOthers()).toBe(2);
    // insert (with BEGIN), insert, COMMIT: 3 answers from the server, not 4.
    expect(seen.roundTrips).toBe(3);
  });

  test('a transaction that fails or is rolled back after its first statement keeps nothing of it', async () => {
    const { db, countSeenByOthers } = await open();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 1 }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The first statement itself refused (a duplicate key in one INSERT): its error, and nothing kept.
    const failure = await db
      .transaction()
      .execute((trx) =>
        trx
          .insertInto('t')
          .values([{ id: 5 }, { id: 5 }])
          .execute(),
      )
      .catch((error: unknown) => error);
    expect((failure as { code?: string }).code).toBe('23505');
    expect(await countSeenByOthers()).toBe(0);
    // The connection is usable afterwards, in and out of transactions.
    await db.transaction().execute((trx) => trx.insertInto('t').values({ id: 3 }).execute());
    expect(await db.selectFrom('t').select('id').execute()).toEqual([{ id: 3 }]);
  });

  test('a transaction with no statement sends nothing', async () => {
    const { db, seen, reset } = await open();
    reset();
    await db.transaction().execute(() => Promise.resolve());
    await expect(
      db.transaction().execute(() => {
        throw new Error('nothing done');
      }),
    ).rejects.toThrow('nothing done');
    expect(seen.roundTrips).toBe(0);
  });

  test('each SQL text is parsed once per connection, also when first run with a BEGIN; a text the server refuses is reported as such every time', async () => {
    const { db, seen, reset } = await open();
    reset();
    for (let id = 10; id < 13; id++) await db.transaction().execute((trx) => trx.insertInto('t').values({ id }).execute());
    // BEGIN and COMMIT were parsed by the connection's first transaction; the insert once.
    expect(seen.parses).toBe(1);
    for (let i = 0; i < 2; i++) {
      await expect(db.transaction().execute((trx) => sql`selec 1`.execute(trx))).rejects.toThrow(/syntax error/);
    }
    expect((await db.selectFrom('t').select('id').execute()).length).toBe(3);
  });

  test('a query of another kind (a config object, as a cursor sends) after a held BEGIN still runs inside the transaction', async () => {
    const { pool, countSeenByOthers } = await open();
    const client = await pool.connect();
    try {
      // As Kysely drives a transaction: BEGIN (held back), then here a query that is not Kysely's plain (text, values).
      await client.query('begin', []);
      await client.query({ text: 'insert into t (id) values ($1)', values: [7] });
      expect(await countSeenByOthers()).toBe(0);
      await client.query('rollback', []);
    } finally {
      client.release();
    }
    expect(await countSeenByOthers()).toBe(0);
  });
});
