import { afterEach, beforeEach, expect, test } from 'vitest';
import { openTestDb, type TestDb } from '../../test-support/database';
import { transaction } from './transaction';
import { prepared } from './prepared';
import type { PlatformDb } from './schema';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.close());

let builds = 0;
const insertItem = prepared<PlatformDb, { id: string; position: number; data: string }>()((db, a) => {
  builds++;
  return db
    .insertInto('items')
    .values({ id: a.id, position: a.position, data: a.data })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(['id', 'position']);
});
// Mixes arguments with constants the builder was given: both keep their places.
const itemsAfter = prepared<PlatformDb, { after: number }>()((db, a) =>
  db.selectFrom('items').select(['id', 'position']).where('position', '>', a.after).where('data', '!=', 'hidden').orderBy('position').limit(10),
);

test('runs the same SQL as the builder with each call’s arguments, compiled once per database', async () => {
  builds = 0;
  expect(await insertItem.executeTakeFirst(t.db, { id: 'a', position: 1, data: '{}' })).toEqual({ id: 'a', position: 1 });
  expect(await insertItem.executeTakeFirst(t.db, { id: 'b', position: 2, data: 'hidden' })).toEqual({ id: 'b', position: 2 });
  // A conflict returns nothing, as the builder's query did.
  expect(await insertItem.executeTakeFirst(t.db, { id: 'a', position: 9, data: '{}' })).toBeUndefined();
  await transaction(t.db, async (trx) => {
    await insertItem.execute(trx, { id: 'c', position: 3, data: '{}' });
  });
  expect(builds).toBe(1);
  expect((await itemsAfter.execute(t.db, { after: 0 })).rows).toEqual([
    { id: 'a', position: 1 },
    { id: 'c', position: 3 },
  ]);
  expect((await itemsAfter.execute(t.db, { after: 1 })).rows).toEqual([{ id: 'c', position: 3 }]);
  expect(itemsAfter.compiledSql(t.db)).toBe(t.db.selectFrom('items').select(['id', 'position']).where('position', '>', 0).where('data', '!=', 'hidden').orderBy('position').limit(10).compile().sql);
});

test('a rolled-back transaction keeps nothing it wrote through a prepared query', async () => {
  await expect(
    transaction(t.db, async (trx) => {
      await insertItem.execute(trx, { id: 'gone', position: 1, data: '{}' });
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect((await itemsAfter.execute(t.db, { after: 0 })).rows).toEqual([]);
});

test('a missing argument is an error, not a NULL', async () => {
  await expect(insertItem.execute(t.db, { id: 'x', position: 1 } as never)).rejects.toThrow('no value for data');
});
