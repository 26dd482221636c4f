import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { openDatabase } from '../../kernel/db/database';
import { testDialect } from '../../test-support/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { walletMigrations } from './migrations/index';
import type { WalletTables } from './schema';

/**
 * A migrated ledger database for the wallet's tests, of the run's dialect: a fresh PostgreSQL
 * database in the `platform-pg` project, else SQLite (in memory unless `file` is given; a file
 * always means SQLite).
 */
export async function openLedgerTestDb(file?: string): Promise<Kysely<WalletTables>> {
  if (file === undefined && testDialect() === 'postgres') {
    const db = await openDatabase({ kind: 'postgres', url: await testDatabaseUrl() }, walletMigrations);
    return db as unknown as Kysely<WalletTables>;
  }
  const sqlite = new Database(file ?? ':memory:');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<WalletTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...walletMigrations }) } }).migrateToLatest();
  if (error) throw error;
  return db;
}
