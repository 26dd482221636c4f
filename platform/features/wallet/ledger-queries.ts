import { CompiledQuery, type Kysely } from 'kysely';
import type { LedgerEntry } from '@shared/domain/ledger/transfer';
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

/**
 * PostgreSQL only (SQLite has no INSERT/UPDATE inside WITH): a whole transfer in one statement.
 * Every part sees the same snapshot, so each later part is gated on the earlier ones' RETURNING:
 * `t` claims the idempotency key (nothing when it was taken: a replay or a conflict); `d` applies
 * the debits, each only where the balance stays >= 0 (a short account is left as it was, no error,
 * so the caller's transaction is not aborted and may still read); credits (`c`, an upsert: a user's
 * account opens on its first credit, and a concurrent opener is waited for by ON CONFLICT) and the
 * entries (`e`, in the request's order) are written only when every debit passed. Foreign keys are
 * checked at the end of the statement, when the opened accounts exist.
 */
const CLAIM = `t as (
  insert into ledger_transfers (id, idempotency_key, fingerprint, source, created_at)
  values ($1, $2, $3, $4, $5)
  on conflict (idempotency_key) do nothing
  returning id
)`;
const TRANSFER_REST = `, d as (
  update ledger_accounts a set balance = a.balance + x.delta
  from unnest($6::text[], $7::bigint[]) as x(id, delta)
  where a.id = x.id and exists (select 1 from t) and (a.may_go_negative = 1 or a.balance + x.delta >= 0)
  returning a.id
), ok as (
  select exists (select 1 from t) and (select count(*) from d) = cardinality($6::text[]) as ok
), c as (
  insert into ledger_accounts (id, currency, may_go_negative, balance, created_at)
  select x.id, x.currency, 0, x.delta, $5 from unnest($8::text[], $9::text[], $10::bigint[]) as x(id, currency, delta)
  where (select ok from ok)
  order by x.id
  on conflict (id) do update set balance = ledger_accounts.balance + excluded.balance
  returning id
), e as (
  insert into ledger_entries (transfer_id, account_id, currency, amount, created_at)
  select $1, x.account, x.currency, x.amount, $5 from unnest($11::text[], $12::text[], $13::bigint[]) with ordinality as x(account, currency, amount, n)
  where (select ok from ok)
  order by x.n
  returning seq
)`;
const TRANSFER_CTES = `with ${CLAIM}${TRANSFER_REST}`;

/**
 * What else a transfer's statement may write, gated like its credits on every debit passing (its
 * parameters start at $14). A hold's row and a settlement's link to its transfer ride along this
 * way: one round trip instead of two or three on PostgreSQL, where round trips are most of a flow.
 */
export type TransferTail = 'hold' | 'settle';

const TAILS: Record<TransferTail, string> = {
  // The hold row of a hold transfer ($14 id, $15 user, $16 coins); $1 is the transfer, $4 its source.
  hold: `, x_tail as (
  insert into ledger_holds (id, user_id, coins, state, source, hold_transfer_id, captured_to, cut_bps, settle_transfer_id, created_at, settled_at)
  select $14::text, $15::text, $16::bigint, 'pending', $4, $1, null, null, null, $5, null
  where (select ok from ok)
  returning id
)`,
  // The settled hold ($14; its state was changed earlier in the same transaction) points at its transfer.
  settle: `, x_tail as (
  update ledger_holds set settle_transfer_id = $1
  where id = $14::text and (select ok from ok)
  returning id
)`,
};

const FINAL_SELECT = `
select exists (select 1 from t) as inserted, (select ok from ok) as ok, (select count(*) from c) as credited, (select count(*) from e) as entries`;
const TRANSFER_IN_ONE_STATEMENT = TRANSFER_CTES + FINAL_SELECT;
const TRANSFER_WITH_TAIL: Record<TransferTail, string> = {
  hold: `${TRANSFER_CTES}${TAILS.hold}${FINAL_SELECT}, (select count(*) from x_tail) as tail`,
  settle: `${TRANSFER_CTES}${TAILS.settle}${FINAL_SELECT}, (select count(*) from x_tail) as tail`,
};

/**
 * PostgreSQL only: a whole capture or release in one statement, for a hold whose unchanging fields
 * (owner, coins, source) the caller already knows. `h` is the exactly-once gate (the hold moves out of
 * pending only when it is pending with exactly those fields, so a wrong guess moves nothing) and
 * links the hold to its settlement transfer; the transfer (`t` onwards, as in TRANSFER_CTES) is
 * written only when `h` won. Parameters $14.. are the hold's new state, captured_to, cut_bps, and
 * the id, owner and coins it must have.
 */
const SETTLE_IN_ONE_STATEMENT = `with h as (
  update ledger_holds set state = $14::text, settled_at = $5::bigint, captured_to = $15::text, cut_bps = $16::integer, settle_transfer_id = $1::text
  where id = $17::text and state = 'pending' and user_id = $18::text and coins = $19::bigint and source = $4::text
  returning id
), t as (
  insert into ledger_transfers (id, idempotency_key, fingerprint, source, created_at)
  select $1::text, $2::text, $3::text, $4::text, $5::bigint
  where exists (select 1 from h)
  on conflict (idempotency_key) do nothing
  returning id
)${TRANSFER_REST}
select exists (select 1 from h) as won, exists (select 1 from t) as inserted, (select ok from ok) as ok, (select count(*) from c) as credited, (select count(*) from e) as entries`;

/** What a settlement's one statement must find: the hold as it was made, and what it becomes. */
export interface SettleGate {
  readonly holdId: string;
  readonly userId: string;
  readonly coins: number;
  readonly state: string;
  readonly capturedTo: string | null;
  readonly cutBps: number | null;
}

type TransferArgs = Readonly<{
  id: string;
  key: string;
  fingerprint: string;
  source: string;
  at: number;
  debits: readonly (readonly [string, number])[];
  credits: readonly (readonly [string, string, number])[];
  entries: readonly LedgerEntry[];
}>;

function transferParameters(a: TransferArgs): unknown[] {
  return [
    a.id,
    a.key,
    a.fingerprint,
    a.source,
    a.at,
    a.debits.map(([account]) => account),
    a.debits.map(([, delta]) => delta),
    a.credits.map(([account]) => account),
    a.credits.map(([, currency]) => currency),
    a.credits.map(([, , delta]) => delta),
    a.entries.map((e) => e.account),
    a.entries.map((e) => e.currency),
    a.entries.map((e) => e.amount),
  ];
}

/**
 * Runs SETTLE_IN_ONE_STATEMENT. `won` false: the hold was not pending with those fields, and nothing
 * was written (the caller goes the long way: a replay, a refusal or a wrong guess).
 */
export async function settleInOneStatement(db: Kysely<WalletTables>, a: TransferArgs, gate: SettleGate): Promise<{ won: boolean }> {
  const result = await db.executeQuery<{ won: boolean; inserted: boolean; ok: boolean; credited: number; entries: number }>(
    CompiledQuery.raw(SETTLE_IN_ONE_STATEMENT, [...transferParameters(a), gate.state, gate.capturedTo, gate.cutBps, gate.holdId, gate.userId, gate.coins]),
  );
  const row = result.rows[0]!;
  if (!row.won) return { won: false };
  // The hold was pending, so its settlement key cannot have been used (both change in one transaction).
  if (!row.inserted || !row.ok || Number(row.credited) !== a.credits.length || Number(row.entries) !== a.entries.length) {
    throw new Error(
      `ledger settlement of ${gate.holdId}: transfer ${a.id} inserted=${row.inserted} ok=${row.ok}, ${row.credited}/${a.credits.length} credits, ${row.entries}/${a.entries.length} entries`,
    );
  }
  return { won: true };
}

export async function transferInOneStatement(
  db: Kysely<WalletTables>,
  a: TransferArgs,
  tail?: Readonly<{ kind: TransferTail; values: readonly unknown[] }>,
): Promise<{ inserted: boolean; ok: boolean }> {
  const result = await db.executeQuery<{ inserted: boolean; ok: boolean; credited: number; entries: number; tail?: number }>(
    CompiledQuery.raw(tail ? TRANSFER_WITH_TAIL[tail.kind] : TRANSFER_IN_ONE_STATEMENT, [...transferParameters(a), ...(tail?.values ?? [])]),
  );
  const row = result.rows[0]!;
  if (row.inserted && row.ok && (Number(row.credited) !== a.credits.length || Number(row.entries) !== a.entries.length || (tail && Number(row.tail) !== 1))) {
    throw new Error(`ledger transfer ${a.id}: wrote ${row.credited}/${a.credits.length} credits, ${row.entries}/${a.entries.length} entries and ${String(row.tail ?? '-')} ${tail?.kind ?? ''} rows`);
  }
  return { inserted: row.inserted, ok: row.inserted && row.ok };
}
