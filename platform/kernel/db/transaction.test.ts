import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDb, type TestDb } from '../../test-support/database';
import type { Db } from './database';
import { isUniqueViolation } from './errors';
import { toSafeInteger } from './numbers';
import { afterCommit, transaction } from './transaction';

let testDb: TestDb;
let db: Db;
beforeAll(async () => {
  testDb = await openTestDb();
  db = testDb.db;
});
afterAll(() => testDb.close());

const user = (id: string, handle: string) => ({ id, handle, display_name: handle, password_hash: 'x', created_at: 1 });
const handles = async () => (await db.selectFrom('users').select('handle').orderBy('handle').execute()).map((r) => r.handle);

test('transaction() commits on success and rolls every write back on a throw', async () => {
  await transaction(db, async (trx) => {
    await trx.insertInto('users').values(user('usr_a', 'kept_a')).execute();
  });
  await expect(
    transaction(db, async (trx) => {
      await trx.insertInto('users').values(user('usr_b', 'gone_b')).execute();
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');
  expect(await handles()).toEqual(['kept_a']);
});

test('transaction() given an open transaction joins it: the inner work rolls back with the outer', async () => {
  await expect(
    transaction(db, async (outer) => {
      await transaction(outer, async (inner) => {
        expect(inner).toBe(outer);
        await inner.insertInto('users').values(user('usr_c', 'inner_c')).execute();
      });
      throw new Error('outer failed');
    }),
  ).rejects.toThrow('outer failed');
  expect(await handles()).toEqual(['kept_a']);
});

test('isUniqueViolation() recognises a real unique and primary-key failure, and nothing else', async () => {
  const duplicateHandle = await db
    .insertInto('users')
    .values(user('usr_d', 'kept_a'))
    .execute()
    .catch((e: unknown) => e);
  const duplicateId = await db
    .insertInto('users')
    .values(user('usr_a', 'other'))
    .execute()
    .catch((e: unknown) => e);
  const notNull = await db
    .insertInto('users')
    .values({ ...user('usr_e', 'e'), handle: null as unknown as string })
    .execute()
    .catch((e: unknown) => e);
  expect(isUniqueViolation(duplicateHandle)).toBe(true);
  expect(isUniqueViolation(duplicateId)).toBe(true);
  expect(isUniqueViolation(notNull)).toBe(false);
  expect(isUniqueViolation(new Error('UNIQUE constraint failed: users.handle'))).toBe(false);
  expect(isUniqueViolation(null)).toBe(false);
});

test('toSafeInteger() takes what the drivers hand back and refuses to round', () => {
  expect(toSafeInteger('1764000000000')).toBe(1_764_000_000_000);
  expect(toSafeInteger(12n)).toBe(12);
  expect(toSafeInteger(7)).toBe(7);
  expect(() => toSafeInteger('9007199254740993')).toThrow(RangeError);
  expect(() => toSafeInteger(1.5)).toThrow(RangeError);
});

test('afterCommit() hooks run once the outermost transaction has committed, and never after a rollback', async () => {
  const seen: string[] = [];
  await transaction(db, async (outer) => {
    await transaction(outer, async (inner) => {
      await inner.insertInto('users').values(user('usr_h1', 'hook_one')).execute();
      expect(afterCommit(inner, () => seen.push('committed'))).toBe(true);
    });
    // Still inside: the hook has not run yet.
    expect(seen).toEqual([]);
  });
  expect(seen).toHaveLength(1);

  await expect(
    transaction(db, async (trx) => {
      afterCommit(trx, () => seen.push('rolled back'));
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  expect(seen).toHaveLength(1);

  // A transaction the kernel did not open cannot promise a hook: the caller is told so.
  await db.transaction().execute(async (trx) => {
    expect(afterCommit(trx, () => seen.push('unknown'))).toBe(false);
  });
  expect(seen).toHaveLength(1);
});
