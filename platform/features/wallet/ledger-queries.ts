import { prepared, type PreparedQuery } from '../../kernel/db/prepared';
import type { LedgerHoldsTable, WalletTables } from './schema';

/**
 * The statements of a transfer, a hold and a settlement, compiled once (kernel/db/prepared.ts):
 * each runs several times per money flow, and building them through Kysely every time cost more
 * CPU than running them. The SQL is what the builder produced before, unchanged.
 */

export const insertTransfer = prepared<WalletTables, { id: string; key: string; fingerprint: string; source: string; at: number }>()((db, a) =>
  db
    .insertInto('ledger_transfers')
    .values({ id: a.id, idempotency_key: a.key, fingerprint: a.fingerprint, source: a.source, created_at: a.at })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id'),
);

/** The conditional UPDATE that is a debit's check: no row comes back when the account is short (or not open). */
export const applyDelta = prepared<WalletTables, { account: string; delta: number }>()((db, a) =>
  db
    .updateTable('ledger_accounts')
    .set((eb) => ({ balance: eb('balance', '+', a.delta) }))
    .where('id', '=', a.account)
    .where((eb) => eb.or([eb('may_go_negative', '=', 1), eb(eb('balance', '+', a.delta), '>=', 0)]))
    .returning('id'),
);

export const openAccount = prepared<WalletTables, { account: string; currency: string; at: number }>()((db, a) =>
  db
    .insertInto('ledger_accounts')
    .values({ id: a.account, currency: a.currency, may_go_negative: 0, balance: 0, created_at: a.at })
    .onConflict((oc) => oc.column('id').doNothing()),
);

type EntryArgs = Readonly<Record<string, string | number>>;
const insertEntriesByCount = new Map<number, PreparedQuery<WalletTables, EntryArgs, unknown>>();

/** One INSERT of `count` entries (a transfer has 2 or 3): one compiled statement per count. */
export function insertEntries(count: number): PreparedQuery<WalletTables, EntryArgs, unknown> {
  let query = insertEntriesByCount.get(count);
  if (!query) {
    query = prepared<WalletTables, EntryArgs>()((db, a) =>
      db.insertInto('ledger_entries').values(
        Array.from({ length: count }, (_, i) => ({
          transfer_id: a.transfer as string,
          account_id: a[`account${i}`] as string,
          currency: a[`currency${i}`] as string,
          amount: a[`amount${i}`] as number,
          created_at: a.at as number,
        })),
      ),
    );
    insertEntriesByCount.set(count, query);
  }
  return query;
}

export const insertHold = prepared<WalletTables, LedgerHoldsTable>()((db, a) =>
  db.insertInto('ledger_holds').values({
    id: a.id,
    user_id: a.user_id,
    coins: a.coins,
    state: a.state,
    source: a.source,
    hold_transfer_id: a.hold_transfer_id,
    captured_to: a.captured_to,
    cut_bps: a.cut_bps,
    settle_transfer_id: a.settle_transfer_id,
    created_at: a.created_at,
    settled_at: a.settled_at,
  }),
);

/** The exactly-once gate of a capture or release: only one settlement can see the hold pending. */
export const settlePending = prepared<WalletTables, { id: string; state: string; at: number; capturedTo: string | null; cutBps: number | null }>()((db, a) =>
  db.updateTable('ledger_holds').set({ state: a.state, settled_at: a.at, captured_to: a.capturedTo, cut_bps: a.cutBps }).where('id', '=', a.id).where('state', '=', 'pending').returningAll(),
);

export const setSettleTransfer = prepared<WalletTables, { id: string; transfer: string }>()((db, a) => db.updateTable('ledger_holds').set({ settle_transfer_id: a.transfer }).where('id', '=', a.id));
