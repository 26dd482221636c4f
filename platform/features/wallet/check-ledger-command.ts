import { databaseTarget, openDatabase } from '../../kernel/db/database';
import { eventLogMigrations } from '../../kernel/events/migrations/0110-event-log';
import { checkLedger } from './check-ledger';
import { walletMigrations } from './migrations/index';

/** `npm run platform -- check-ledger`: prints the report; exit code 0 when sound, 1 when not. */
export async function runCheckLedger(config: Readonly<{ dataDir: string; databaseUrl?: string }>, print: (line: string) => void): Promise<number> {
  const db = await openDatabase(databaseTarget(config.databaseUrl, config.dataDir), { ...walletMigrations, ...eventLogMigrations });
  try {
    const report = await checkLedger(db);
    print(`${report.transfers} transfers, ${report.entries} entries: ${report.ok ? 'the ledger checks out' : `${report.problems.length} problems`}`);
    for (const problem of report.problems) print(`  ${problem}`);
    return report.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}
