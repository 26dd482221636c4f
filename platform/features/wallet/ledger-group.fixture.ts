import { topUpEntries } from '@shared/domain/ledger/plans';
import { openDatabase } from '../../kernel/db/database';
import { transaction } from '../../kernel/db/transaction';
import { Ledger } from './ledger';
import { walletMigrations } from './migrations/index';

/**
 * Child process for the group-commit SIGKILL test: `workers` callers run logical transactions
 * (a top-up and a spend each) at once through the platform's own database and `transaction()`,
 * so they share write transactions; each prints its key once its transaction() has answered.
 */
async function main(file: string, workers: number): Promise<void> {
  const db = await openDatabase({ kind: 'sqlite', file }, walletMigrations);
  const ledger = new Ledger(() => Date.now());
  let next = 0;
  const worker = async (w: number): Promise<never> => {
    for (;;) {
      const key = `k${next++}`;
      await transaction(db, async (trx) => {
        await ledger.transfer(trx, { idempotencyKey: `t-${key}`, source: `top_up:${key}`, entries: topUpEntries(`payer${w}`, 3) });
        await ledger.spend(trx, { fromUserId: `payer${w}`, toUserId: 'earner', coins: 3, source: `gift:${key}`, idempotencyKey: `g-${key}` });
      });
      process.stdout.write(`ok ${key}\n`);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
}

const [file, workers] = process.argv.slice(2);
void main(file!, Number(workers));
