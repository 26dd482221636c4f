import type { LedgerExecutor } from './schema';
import { checkLedger } from './check-ledger';

/** `npm run platform -- check-ledger`: prints the report; exit code 0 when sound, 1 when not. */
export async function runCheckLedger(db: LedgerExecutor, print: (line: string) => void): Promise<number> {
  const report = await checkLedger(db);
  print(`${report.transfers} transfers, ${report.entries} entries: ${report.ok ? 'the ledger checks out' : `${report.problems.length} problems`}`);
  for (const problem of report.problems) print(`  ${problem}`);
  return report.ok ? 0 : 1;
}
