import { topUpEntries } from '@shared/domain/ledger/plans';
import { Ledger } from './ledger';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { walletMigrations } from './migrations/index';
import type { WalletTables } from './schema';

/**
 * Child process for the SIGKILL test: writes batches of transfers (each batch one transaction)
 * forever, saying on stdout when each batch commits. The test kills it mid-batch.
 */
async function main(file: string, batchSize: number): Promise<never> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely<WalletTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...walletMigrations }) } }).migrateToLatest();
  if (error) throw error;
  const ledger = new Ledger(() => Date.now());
  for (let batch = 0; ; batch++) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < batchSize; i++) {
        const key = `b${batch}-${i}`;
        await ledger.transfer(trx, { idempotencyKey: `t-${key}`, source: `top_up:${key}`, entries: topUpEntries('payer', 3) });
        await ledger.spend(trx, { fromUserId: 'payer', toUserId: 'earner', coins: 3, source: `gift:${key}`, idempotencyKey: `g-${key}` });
      }
    });
    process.stdout.write(`committed ${batch}\n`);
  }
}

const [file, batchSize] = process.argv.slice(2);
void main(file!, Number(batchSize));
