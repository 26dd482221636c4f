import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { mayGoNegative, SYSTEM_ACCOUNTS, systemAccount } from '@shared/domain/ledger/accounts';

/** Written with Kysely's schema builder so it runs on SQLite and PostgreSQL alike. */
export const migration0100Ledger: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('ledger_accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency in ('coin', 'diamond')`))
      .addColumn('may_go_negative', 'integer', (c) => c.notNull())
      .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      // The database refuses a negative balance too: a last line behind the transfer's own check.
      .addCheckConstraint('ledger_accounts_not_negative', sql`may_go_negative = 1 or balance >= 0`)
      .execute();

    await db.schema
      .createTable('ledger_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('ledger_entries')
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('transfer_id', 'text', (c) => c.notNull().references('ledger_transfers.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount <> 0`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_entries_by_account').on('ledger_entries').columns(['account_id', 'seq']).execute();
    await db.schema.createIndex('ledger_entries_by_transfer').on('ledger_entries').column('transfer_id').execute();

    await db.schema
      .createTable('ledger_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('coins', 'bigint', (c) => c.notNull().check(sql`coins > 0`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'captured', 'released')`))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('hold_transfer_id', 'text', (c) => c.notNull().unique().references('ledger_transfers.id'))
      .addColumn('captured_to', 'text')
      .addColumn('cut_bps', 'integer')
      .addColumn('settle_transfer_id', 'text', (c) => c.references('ledger_transfers.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('settled_at', 'bigint')
      .execute();
    await db.schema.createIndex('ledger_holds_by_user').on('ledger_holds').columns(['user_id', 'state']).execute();

    await db
      .insertInto('ledger_accounts' as never)
      .values(SYSTEM_ACCOUNTS.map((a) => ({ id: systemAccount(a.name, a.currency), currency: a.currency, may_go_negative: mayGoNegative(a.name) ? 1 : 0, balance: 0, created_at: 0 })) as never)
      .execute();
  },
};
