import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { platformMigrations } from './migrations/index';
import type { PlatformDb } from './schema';
import type { Db } from './transaction';

export type { Db, Executor, Trx } from './transaction';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...platformMigrations }) };

/** Opens (creating) the platform's SQLite file in WAL mode and brings it to the newest schema. */
export async function openPlatformDb(file: string): Promise<Db> {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<PlatformDb>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`platform database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return db;
}
