import type { Generated, Kysely } from 'kysely';

/** The ledger's tables. Amounts and times are whole numbers; entries and transfers are never updated or deleted. */
export interface LedgerAccountsTable {
  /** Derived id: `user:<userId>:coin`, `system:escrow:coin` (shared/domain/ledger/accounts.ts). */
  id: string;
  currency: string;
  /** 1 for accounts that issue money into the ledger (top-up source, exchange); user accounts are 0. */
  may_go_negative: number;
  /** Users' accounts: cached sum of the entries, changed only by a transfer in the same transaction (check-ledger verifies it). System accounts keep 0 here: their balance is the sum of their entries. */
  balance: number;
  created_at: number;
}

export interface LedgerTransfersTable {
  id: string;
  idempotency_key: string;
  /** Canonical body, to tell a replay (same body) from a conflict (different body). */
  fingerprint: string;
  source: string;
  created_at: number;
}

export interface LedgerEntriesTable {
  /** Increasing: the statement's order and cursor. */
  seq: Generated<number>;
  transfer_id: string;
  account_id: string;
  currency: string;
  amount: number;
  created_at: number;
}

export interface LedgerHoldsTable {
  id: string;
  user_id: string;
  coins: number;
  state: string;
  source: string;
  hold_transfer_id: string;
  /** Set when captured: the earner, and the cut taken. */
  captured_to: string | null;
  cut_bps: number | null;
  settle_transfer_id: string | null;
  created_at: number;
  settled_at: number | null;
}

export interface WalletTables {
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_entries: LedgerEntriesTable;
  ledger_holds: LedgerHoldsTable;
}

/**
 * What the ledger runs on: the caller's database or open transaction, whatever else its schema
 * holds, so a feature writes its own rows and its transfers in one transaction. (Kysely's types are
 * invariant in the schema, so the platform's `Kysely<PlatformDb>` is taken as any Kysely.)
 */
export type LedgerExecutor = Pick<Kysely<object>, 'isTransaction'>;

export function ledgerDb(db: LedgerExecutor): Kysely<WalletTables> {
  return db as unknown as Kysely<WalletTables>;
}
