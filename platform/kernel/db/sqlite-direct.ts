import type { CompiledQuery, QueryResult } from 'kysely';

/** What a statement run directly needs of a SQLite handle (database.ts's statement cache). */
export interface SqliteStatements {
  prepare(source: string): {
    readonly reader: boolean;
    all(parameters: readonly unknown[]): unknown[];
    run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
  };
}

interface KyselyLike {
  readonly isTransaction: boolean;
  getExecutor(): { readonly adapter: object };
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

// By the Kysely instance's adapter (one object, shared by its transactions): the SQLite handle under it.
const handles = new WeakMap<object, SqliteStatements>();

/**
 * From now on a compiled statement run by `executeCompiled` in a transaction on `db` (SQLite: one
 * connection, which the transaction holds until it ends) goes straight to the handle, as Kysely's
 * SQLite driver would run it, without Kysely's executor chain: on the ledger's flows that chain (five
 * async layers, a connection lock and a result pass per statement) cost about as much CPU as two of
 * a flow's fourteen statements.
 */
export function runCompiledDirectly(db: Pick<KyselyLike, 'getExecutor'>, sqlite: SqliteStatements): void {
  handles.set(db.getExecutor().adapter, sqlite);
}

/**
 * Runs `query` on `db` and gives what Kysely's `db.executeQuery` gives. Outside a transaction, on
 * PostgreSQL, and on a controlled transaction already ended (which Kysely refuses), it is Kysely's
 * own path: only a transaction holds SQLite's one connection, so only there may a statement skip
 * the wait for it.
 */
export function executeCompiled<R>(db: KyselyLike, query: CompiledQuery<R>, adapter: object = db.getExecutor().adapter): Promise<QueryResult<R>> {
  const sqlite = db.isTransaction && !hasEnded(db) ? handles.get(adapter) : undefined;
  if (!sqlite) return db.executeQuery(query);
  try {
    return Promise.resolve(runOn<R>(sqlite, query.sql, query.parameters));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** What Kysely's SQLite driver returns for the same statement (kysely/dist/dialect/sqlite/sqlite-driver.js). */
function runOn<R>(sqlite: SqliteStatements, sql: string, parameters: readonly unknown[]): QueryResult<R> {
  const statement = sqlite.prepare(sql);
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { insertId: BigInt(lastInsertRowid), numAffectedRows: BigInt(changes), rows: [] };
}

function hasEnded(db: object): boolean {
  const t = db as { isCommitted?: boolean; isRolledBack?: boolean };
  return t.isCommitted === true || t.isRolledBack === true;
}
