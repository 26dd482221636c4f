import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { openTestDb, type TestDb } from '../../test-support/database';
import { transaction } from './transaction';
import { prepared } from './prepared';
import type { PlatformDb } from './schema';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

const insertItem = prepared<PlatformDb, { id: string; position: number }>()((db, a) => db.insertInto('items').values({ id: a.id, position: a.position, data: '{}' }));
const itemIds = prepared<PlatformDb, { after: number }>()((db, a) => db.selectFrom('items').select('id').where('position', '>', a.after).orderBy('position'));

test('in a transaction on SQLite a prepared query skips Kysely’s executor and gives what Kysely gives', async () => {
  const outside = await insertItem.execute(t.db, { id: 'a', position: 1 });
  await transaction(t.db, async (trx) => {
    const kysely = vi.spyOn(trx, 'executeQuery');
    const inside = await insertItem.execute(trx, { id: 'b', position: 2 });
    expect(inside.numAffectedRows).toBe(1n);
    expect(inside.rows).toEqual([]);
    if (t.dialect === 'sqlite') expect(inside.insertId).toBe((outside.insertId as bigint) + 1n);
    expect((await itemIds.execute(trx, { after: 0 })).rows).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(kysely).toHaveBeenCalledTimes(t.dialect === 'sqlite' ? 0 : 2);
  });
});

test('a failed statement rejects, and its logical transaction keeps nothing', async () => {
  await expect(
    transaction(t.db, async (trx) => {
      await insertItem.execute(trx, { id: 'x', position: 1 });
      await insertItem.execute(trx, { id: 'x', position: 2 });
    }),
  ).rejects.toThrow(/unique|duplicate/i);
  expect((await itemIds.execute(t.db, { after: 0 })).rows).toEqual([]);
});

test('outside a transaction a prepared query waits for the connection instead of joining an open transaction', async () => {
  let started!: () => void;
  const inTransaction = new Promise<void>((resolve) => (started = resolve));
  let finish!: () => void;
  const held = transaction(t.db, async (trx) => {
    await insertItem.execute(trx, { id: 'in', position: 1 });
    started();
    await new Promise<void>((resolve) => (finish = resolve));
    throw new Error('roll back');
  });
  await inTransaction;
  const outside = insertItem.execute(t.db, { id: 'out', position: 2 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  finish();
  await expect(held).rejects.toThrow('roll back');
  await outside;
  expect((await itemIds.execute(t.db, { after: 0 })).rows).toEqual([{ id: 'out' }]);
});

test('a controlled transaction that has committed refuses a prepared query, as Kysely does', async () => {
  const trx = await t.db.startTransaction().execute();
  await insertItem.execute(trx, { id: 'a', position: 1 });
  await trx.commit().execute();
  await expect(insertItem.execute(trx, { id: 'b', position: 2 })).rejects.toThrow('already committed');
  expect((await itemIds.execute(t.db, { after: 0 })).rows).toEqual([{ id: 'a' }]);
});
