import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { platformMigrations } from './migrations/index';
import { toSafeInteger } from './numbers';
import type { PlatformDb } from './schema';
import { BackgroundCheckpointer } from './checkpointer';
import { enableGroupCommit, type Db } from './transaction';
import { runCompiledDirectly, type SqliteStatements } from './sqlite-direct';
import { usePgStatements } from './pg-direct';
import { keepNewest, touch } from '../bounded-map';

export type { Db, Executor, Trx } from './transaction';

/** Where the platform keeps its rows: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };
export type Dialect = DatabaseTarget['kind'];

/** `postgres://…` / `postgresql://…` → PostgreSQL; nothing → `<dataDir>/platform.sqlite`. */
export function databaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url === undefined || url === '') return { kind: 'sqlite', file: path.join(dataDir, 'platform.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  throw new Error(`--database-url must be postgres://… (got ${url.replace(/\/\/[^@/]*@/, '//…@')}); leave it out for the embedded SQLite file`);
}

const INT8_OID = 20;
/** int8 (bigint columns, count(*)) arrives as text from node-postgres; numbers.ts decides how it becomes a number. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => toSafeInteger(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function connect(target: DatabaseTarget): Db {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, types: pgTypes });
    usePgStatements(pool);
    return new Kysely<PlatformDb>({ dialect: new PostgresDialect({ pool }) });
  }
  mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new Database(target.file);
  // WAL + synchronous=NORMAL: a commit is one append to the WAL, synced only at checkpoints. A
  // crash of the process loses nothing committed; a power cut or OS crash may lose the last
  // transactions before the latest checkpoint (whole transactions, never a half one: the ledger
  // stays balanced) and never corrupts the file. FULL would add an fsync to every commit. Once the
  // database is busy, checkpoints (and their fsyncs) run on a thread of their own, every
  // CHECKPOINT_EVERY_MS (checkpointer.ts): a power cut then loses at most about that much.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoints (one per group-committed caller) and multi-row statements keep the pages they change
  // in a sub-journal, which spills to a temp file past 64 KiB: on the ledger's flows that was 170 of
  // 224 KiB written per flow, to a file nobody reads after the COMMIT. In memory it costs a few
  // hundred KiB per batch and no writes. (Durability is the WAL's; a sub-journal never survives a crash.)
  sqlite.pragma('temp_store = MEMORY');
  let commits = 0;
  let checkpointer: BackgroundCheckpointer | null = null;
  const statements = withStatementCache(sqlite, STATEMENT_CACHE_SIZE, {
    // Started only once the database sees real write traffic: most test databases never need a thread.
    onCommit: () => {
      if (++commits !== BACKGROUND_CHECKPOINT_AFTER_COMMITS || target.file === ':memory:') return;
      try {
        checkpointer = new BackgroundCheckpointer(target.file, CHECKPOINT_EVERY_MS);
        // Inline checkpoints stay as a safety net should the thread fall behind or die. Under sustained
        // writes the thread's checkpoints never reach the WAL's end, so this one is what restarts the
        // WAL, with its fsyncs inside the writer's COMMIT (checkpointer.ts): 40,000 pages (~160 MiB)
        // makes those stalls a quarter as frequent as 10,000 did (ledger bench closed-loop p99
        // 24.4/25.4/23.4 → 19.6/20.1/17.9 ms, alternated, load ≤ 0.7). Power-loss exposure is the
        // thread's: each of its checkpoints syncs the WAL, whether or not it reaches the end.
        sqlite.pragma('wal_autocheckpoint = 40000');
        checkpointers.set(db, checkpointer);
      } catch {
        // No thread (an unusual host): SQLite keeps checkpointing inline every 1,000 pages, as before.
      }
    },
    onClose: () => checkpointer?.stop(),
  });
  const db = new Kysely<PlatformDb>({ dialect: new SqliteDialect({ database: statements }) });
  // One connection, so transactions already ran one at a time: let those that wait share a COMMIT.
  enableGroupCommit(db);
  runCompiledDirectly(db, statements as unknown as SqliteStatements);
  return db;
}

const CHECKPOINT_EVERY_MS = 200;
const BACKGROUND_CHECKPOINT_AFTER_COMMITS = 100;
const checkpointers = new WeakMap<Db, BackgroundCheckpointer>();

/** The SQLite database's checkpoint thread, once started (tests, diagnostics); null before and on PostgreSQL. */
export function backgroundCheckpointer(db: Db): BackgroundCheckpointer | null {
  return checkpointers.get(db) ?? null;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing cost as much as running it (18 %
 * of a ledger flow's CPU). Keeps the most recent statements by SQL text instead; a statement that is
 * still being iterated (a streamed query) is never handed out twice.
 */
export function withStatementCache(
  sqlite: Database.Database,
  size = STATEMENT_CACHE_SIZE,
  hooks: Readonly<{ onCommit?: () => void; onClose?: () => void }> = {},
): Pick<Database.Database, 'prepare' | 'close'> {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare: ((source: string) => {
      // Kysely's SQLite driver prepares 'commit' for every transaction it commits.
      if (source === 'commit') hooks.onCommit?.();
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        touch(cache, source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      keepNewest(cache, source, statement, size);
      return statement;
    }) as Database.Database['prepare'],
    close: () => {
      hooks.onClose?.();
      return sqlite.close();
    },
  };
}

/**
 * Opens the platform's database and brings it to the newest schema with the same numbered,
 * forward-only migrations on either dialect. On PostgreSQL Kysely's migrator holds an advisory lock,
 * so several nodes starting at once migrate once. Features own their tables' migrations, numbered
 * in the same sequence (0100 wallet, 0110 event log…): the composition root passes them in, and one
 * Migrator applies the whole sequence (Kysely refuses a database whose applied migrations it is
 * not shown, so every opener of the platform's database passes the same set).
 */
export async function openDatabase(target: DatabaseTarget, featureMigrations: Readonly<Record<string, Migration>> = {}): Promise<Db> {
  const db = connect(target);
  const all = { ...platformMigrations, ...featureMigrations };
  const { error, results } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(all) } }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`platform database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return db;
}

/** Opens (creating) the platform's SQLite file in WAL mode and brings it to the newest schema. */
export function openPlatformDb(file: string): Promise<Db> {
  return openDatabase({ kind: 'sqlite', file });
}

/** Which database a handle talks to, for the few statements that differ (row locks, for one). */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
