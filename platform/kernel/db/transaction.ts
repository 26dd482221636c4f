import type { Kysely, Transaction } from 'kysely';
import { GroupCommit, type GroupCommitOptions, type GroupCommitStats } from './group-commit';
import type { PlatformDb } from './schema';

export type Db = Kysely<PlatformDb>;
export type Trx = Transaction<PlatformDb>;
/** What a repository method runs on: the database, or a caller's open transaction (a Transaction is a Kysely). */
export type Executor = Kysely<PlatformDb>;

/**
 * Runs `work` in one database transaction: commits when it resolves, rolls back when it throws.
 * Given an open transaction it joins it instead of nesting, so a service can call repository
 * methods that use `transaction()` themselves and still commit everything at once. On a database
 * opened with group commit (the embedded SQLite file), `work` may share its write transaction with
 * others (group-commit.ts); what its caller sees is the same.
 */
export async function transaction<T>(db: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  const group = groups.get(db);
  if (group) return group.run(work);
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
const groups = new WeakMap<object, GroupCommit<PlatformDb>>();

/** From now on `transaction(db, …)` group-commits (see group-commit.ts): for a database with one connection. */
export function enableGroupCommit(db: Db, options?: GroupCommitOptions): void {
  groups.set(db, new GroupCommit(db, (trx, hooks) => commitHooks.set(trx, hooks), options));
}

/** Batches and logical transactions so far, or null when `db` does not group-commit. */
export function groupCommitStats(db: Db): GroupCommitStats | null {
  return groups.get(db)?.stats() ?? null;
}

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

/**
 * Calls `hook` right after `trx` commits (afterCommit), or at once when `trx` was not opened by
 * `transaction()`: for a local effect of a write that is already in the database by the time the
 * caller's statement returned (a plain connection), or whose commit nobody can tell.
 */
export function afterCommitOrNow(trx: object, hook: () => void): void {
  if (!afterCommit(trx, hook)) hook();
}
