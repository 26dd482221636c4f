import { sql } from 'kysely';
import { systemAccount } from '@shared/domain/ledger/accounts';
import { ledgerDb, type LedgerExecutor } from './schema';

export interface LedgerReport {
  readonly ok: boolean;
  readonly transfers: number;
  readonly entries: number;
  /** One sentence per broken rule, empty when the ledger is sound. */
  readonly problems: readonly string[];
}

/**
 * Verifies the ledger from its rows alone: every transfer has entries and sums to zero per
 * currency, each user's cached balance equals the sum of its entries (system accounts keep none),
 * no user account is below zero, and escrow (the sum of its entries) holds exactly the pending holds. `npm run platform -- check-ledger` and the
 * tests run it.
 */
export async function checkLedger(trx: LedgerExecutor): Promise<LedgerReport> {
  const db = ledgerDb(trx);
  const problems: string[] = [];
  const unbalanced = await db
    .selectFrom('ledger_entries')
    .select(['transfer_id', 'currency', (eb) => eb.fn.sum<string | number>('amount').as('total')])
    .groupBy(['transfer_id', 'currency'])
    .having((eb) => eb.fn.sum('amount'), '<>', 0)
    .execute();
  for (const row of unbalanced) problems.push(`transfer ${row.transfer_id}: ${row.currency} entries sum to ${Number(row.total)}`);

  const empty = await db.selectFrom('ledger_transfers as t').leftJoin('ledger_entries as e', 'e.transfer_id', 't.id').select('t.id').where('e.seq', 'is', null).execute();
  for (const row of empty) problems.push(`transfer ${row.id} has no entries`);

  const drifted = await db
    .selectFrom('ledger_accounts as a')
    .leftJoin('ledger_entries as e', 'e.account_id', 'a.id')
    .select(['a.id', 'a.balance', sql<string | number>`coalesce(sum(e.amount), 0)`.as('total')])
    .where('a.id', 'not like', 'system:%')
    .groupBy(['a.id', 'a.balance'])
    .having(sql<boolean>`a.balance <> coalesce(sum(e.amount), 0)`)
    .execute();
  for (const row of drifted) problems.push(`account ${row.id}: cached balance ${Number(row.balance)} but its entries sum to ${Number(row.total)}`);

  const negative = await db.selectFrom('ledger_accounts').select(['id', 'balance']).where('may_go_negative', '=', 0).where('balance', '<', 0).execute();
  for (const row of negative) problems.push(`account ${row.id} is below zero (${Number(row.balance)})`);

  const pending = await db
    .selectFrom('ledger_holds')
    .select(sql<string | number | null>`sum(coins)`.as('total'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const escrow = await db
    .selectFrom('ledger_entries')
    .select(sql<string | number | null>`sum(amount)`.as('total'))
    .where('account_id', '=', systemAccount('escrow', 'coin'))
    .executeTakeFirst();
  const held = Number(pending?.total ?? 0);
  if (Number(escrow?.total ?? 0) !== held) problems.push(`escrow holds ${Number(escrow?.total ?? 0)} coins but pending holds add up to ${held}`);

  const transfers = await db
    .selectFrom('ledger_transfers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ok: problems.length === 0, transfers: Number(transfers.n), entries: Number(entries.n), problems };
}
