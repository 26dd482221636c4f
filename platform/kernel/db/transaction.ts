import type { Kysely, Transaction } from 'kysely';
import type { PlatformDb } from './schema';

export type Db = Kysely<PlatformDb>;
export type Trx = Transaction<PlatformDb>;
/** What a repository method runs on: the database, or a caller's open transaction (a Transaction is a Kysely). */
export type Executor = Kysely<PlatformDb>;

/**
 * Runs `work` in one database transaction: commits when it resolves, rolls back when it throws.
 * Given an open transaction it joins it instead of nesting, so a service can call repository
 * methods that use `transaction()` themselves and still commit everything at once.
 */
export async function transaction<T>(db: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  const hooks: (() => void)[] = [];
  const result = await db.transaction().execute((trx) => {
    commitHooks.set(trx, hooks);
    return work(trx);
  });
  for (const hook of hooks) hook();
  return result;
}

/** Runs a unit of work in one transaction (a feature service's way to write across repositories). */
export type TransactionRunner = <T>(work: (trx: Trx) => Promise<T>) => Promise<T>;

const commitHooks = new WeakMap<object, (() => void)[]>();

/**
 * Calls `hook` right after `trx` commits, never when it rolls back (e.g. to wake event readers the
 * moment a published event becomes visible). Returns false when `trx` was not opened by
 * `transaction()`, so nobody can tell when it commits: the caller must fall back on something else.
 */
export function afterCommit(trx: object, hook: () => void): boolean {
  const hooks = commitHooks.get(trx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}
