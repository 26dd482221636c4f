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
export function transaction<T>(db: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}
