import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migration0100Ledger } from './migrations/0100-ledger';
import type { WalletTables } from './schema';

/** A ledger-only SQLite database (in memory unless `file` is given), migrated, for the wallet's own tests. */
export async function openLedgerTestDb(file = ':memory:'): Promise<Kysely<WalletTables>> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<WalletTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ '0100-ledger': migration0100Ledger }) } }).migrateToLatest();
  if (error) throw error;
  return db;
}
