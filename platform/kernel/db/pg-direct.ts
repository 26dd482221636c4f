import pg from 'pg';

/**
 * What Kysely's PostgreSQL connection asks of node-postgres: `client.query(sql, parameters)` for
 * every statement, `begin`, `commit` and `rollback` included (kysely's postgres-driver.js).
 */
type QueryFn = (text: unknown, values?: unknown, callback?: unknown) => unknown;

const MAX_NAMED_STATEMENTS = 2000;
const statementNames = new Map<string, string>();

/**
 * The same SQL text gets the same statement name on every connection, so each connection parses
 * it once (Kysely hands node-postgres unnamed queries, which the server parses and plans at every
 * run). Bounded: SQL texts past the first MAX_NAMED_STATEMENTS (an `in (…)` list of a new length,
 * say) run unnamed.
 */
function queryConfig(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `k${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
}

/** The parts of node-postgres's protocol writer that BeginThen uses (pg/lib/connection.js, pg/lib/query.js). */
interface Wire {
  bind(m: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(m: { portal?: string }): void;
  readonly parsedStatements: Record<string, string>;
}
interface QueryInternals {
  prepare(connection: Wire): void;
  handleCommandComplete(message: unknown, connection: Wire): void;
}
const QueryBase = pg.Query as unknown as new (config: pg.QueryConfig) => QueryInternals;

/** BEGIN's statement name; a connection's first BEGIN is sent alone and prepares it (queryConfig never makes names like it). */
const BEGIN = 'pg_direct_begin';

/**
 * A transaction's first statement with its BEGIN in front, in one message batch closed by one Sync:
 * one round trip instead of two. Should BEGIN fail, the server skips everything up to the Sync, so
 * the statement never runs outside the transaction.
 */
class BeginThen extends QueryBase {
  private beginAnswered = false;

  override prepare(connection: Wire): void {
    connection.bind({ portal: '', statement: BEGIN, values: [] });
    connection.execute({ portal: '' });
    super.prepare(connection);
  }

  override handleCommandComplete(message: unknown, connection: Wire): void {
    // The first CommandComplete is BEGIN's; the caller asked for the statement's result.
    if (!this.beginAnswered) {
      this.beginAnswered = true;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

const answered = (command: string): Promise<Partial<pg.QueryResult>> => Promise.resolve({ command, rowCount: null, rows: [], fields: [] });

/**
 * Every connection of `pool` runs statements by name (queryConfig), and holds back a transaction's
 * BEGIN until its first statement, then sends both together (BeginThen): on the ledger's flows
 * (BEGIN, three statements, COMMIT) a round trip was a fifth of the work on both sides. A
 * transaction that ends before any statement sends nothing at all.
 */
export function usePgStatements(pool: pg.Pool): void {
  const beginHeld = new WeakSet<pg.PoolClient>();
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
      if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined) {
        // Any other kind of query (a cursor, a callback) finds its transaction open: the held BEGIN
        // goes first (the client sends its queries in order).
        if (beginHeld.delete(client)) void (query({ name: BEGIN, text: 'begin', values: [] }) as Promise<unknown>).catch(() => undefined);
        return query(text, values, callback);
      }
      // Kysely's own BEGIN (a `start transaction …` with options goes as it is).
      if (text === 'begin' && values.length === 0) {
        const wire = (client as unknown as { connection: Wire }).connection;
        if (wire.parsedStatements[BEGIN] === undefined) return query({ name: BEGIN, text, values });
        beginHeld.add(client);
        return answered('BEGIN');
      }
      if (!beginHeld.delete(client)) return query(queryConfig(text, values));
      if (text === 'commit' || text === 'rollback') return answered(text.toUpperCase());
      // A query object of our own is answered through its callback (client.query returns the object itself).
      return new Promise((resolve, reject) => {
        const callback = (error: Error | null, result: pg.QueryResult): void => (error ? reject(error) : resolve(result));
        query(new BeginThen({ ...queryConfig(text, values), callback } as pg.QueryConfig));
      });
    }) as typeof client.query;
  });
  // A client goes back to the pool with no transaction open (Kysely ends each); never let a held BEGIN outlive it.
  pool.on('release', (_error: Error | undefined, client: pg.PoolClient) => beginHeld.delete(client));
}
