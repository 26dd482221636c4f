import type { Kysely } from 'kysely';
import { DEFAULT_CUT_BPS, isAmount, isCutBps, type Currency } from '@shared/domain/ledger/amounts';
import { systemAccount, userAccount } from '@shared/domain/ledger/accounts';
import { settleHold, type HoldAction, type HoldState } from '@shared/domain/ledger/holds';
import { exchangeEntries, holdEntries, releaseEntries } from '@shared/domain/ledger/plans';
import { balanceChanges, checkTransfer, transferFingerprint, type LedgerEntry, type TransferDraft } from '@shared/domain/ledger/transfer';
import { LedgerError } from './ledger-error';
import { newId } from './ledger-ids';
import { dialectOf, type Db } from '../../kernel/db/database';
import {
  applyDelta,
  insertEntries,
  insertHold,
  insertTransfer,
  openAccount,
  setSettleTransfer,
  settleInOneStatement,
  settlePending,
  transferInOneStatement,
  type TransferTail,
} from './ledger-queries';
import { ledgerDb, type LedgerExecutor, type LedgerHoldsTable, type WalletTables } from './schema';

export interface TransferRequest extends TransferDraft {
  /** Unique per transfer: the same key with the same body returns the first result; a different body is refused. */
  readonly idempotencyKey: string;
}

export interface TransferResult {
  readonly transferId: string;
  /** True when the key had already been used with this body: nothing moved this time. */
  readonly replayed: boolean;
  readonly source: string;
  readonly entries: readonly LedgerEntry[];
  readonly at: number;
}

export interface Hold {
  readonly id: string;
  readonly userId: string;
  readonly coins: number;
  readonly state: HoldState;
  readonly source: string;
  readonly capturedTo: string | null;
  readonly cutBps: number | null;
  readonly replayed: boolean;
}

/**
 * The double-entry ledger. Every method takes the caller's transaction (or database): a feature
 * writes its own change and the money it moves in one transaction, and a LedgerError thrown here
 * must roll that transaction back. Balances never go below zero: each debit is one conditional
 * UPDATE, so two spends racing for the last coins cannot both pass (the row lock on PostgreSQL, the
 * single writer on SQLite).
 */
export class Ledger {
  /**
   * Holds this process made or read, by id: what never changes about one (owner, coins, source), so
   * settling it on PostgreSQL is one statement (settleFast). Only a guess: the statement moves the
   * hold only when it is pending with exactly these fields, else the settlement goes the long way.
   */
  private readonly knownHolds = new Map<string, KnownHold>();

  constructor(private readonly now: () => number) {}

  async transfer(trx: LedgerExecutor, request: TransferRequest): Promise<TransferResult> {
    const { tailWritten, ...result } = await this.transferAnd(trx, request, undefined);
    void tailWritten;
    return result;
  }

  /**
   * A transfer, and on PostgreSQL when `tail` is given, that tail's row written by the same
   * statement (ledger-queries.ts): `tailWritten` says whether it was; when not (SQLite, a replay, a
   * transfer the one statement does not take) the caller writes it itself.
   */
  private async transferAnd(
    trx: LedgerExecutor,
    request: TransferRequest,
    tail: Readonly<{ kind: TransferTail; values: readonly unknown[] }> | undefined,
  ): Promise<TransferResult & { tailWritten: boolean }> {
    const db = ledgerDb(trx);
    const check = checkTransfer(request);
    if (!check.ok) throw new LedgerError('unbalanced', check.reason);
    const fingerprint = transferFingerprint(request);
    const at = this.now();
    const id = newId('trf', at);
    if (dialectOf(trx as Db) === 'postgres' && request.entries.every(fitsOneStatement)) {
      return this.transferInOneStatement(db, request, { id, fingerprint, at }, tail);
    }
    const inserted = await insertTransfer.executeTakeFirst(db, { id, key: request.idempotencyKey, fingerprint, source: request.source, at });
    if (!inserted) return { ...(await this.replay(db, request.idempotencyKey, fingerprint)), tailWritten: false };

    // Debits first (they are the checks), then credits; accounts in id order so two PostgreSQL
    // transactions touching the same accounts lock them in the same order and cannot deadlock.
    const changes = [...balanceChanges(request.entries)].sort(([a, da], [b, db2]) => Math.sign(da) - Math.sign(db2) || (a < b ? -1 : a > b ? 1 : 0));
    const currencyOf = new Map(request.entries.map((e) => [e.account, e.currency]));
    for (const [account, delta] of changes) {
      // System accounts keep no cached balance: every flow touches them, and one hot row would
      // serialise all transfers on PostgreSQL. Their balance is the sum of their entries; none of
      // them needs a check (issuers may go negative, escrow pays out only pending holds, revenue only receives).
      if (!isSystemAccount(account)) await this.applyDelta(db, account, currencyOf.get(account)!, delta, at);
    }
    const entryArgs: Record<string, string | number> = { transfer: id, at };
    request.entries.forEach((e, i) => {
      entryArgs[`account${i}`] = e.account;
      entryArgs[`currency${i}`] = e.currency;
      entryArgs[`amount${i}`] = e.amount;
    });
    await insertEntries(request.entries.length).execute(db, entryArgs);
    return { transferId: id, replayed: false, source: request.source, entries: request.entries, at, tailWritten: false };
  }

  /**
   * The same transfer as one statement on PostgreSQL (transferInOneStatement in ledger-queries.ts):
   * one round trip instead of 3–5, which was most of a flow's time there (each round trip is a
   * socket write and a wake-up on both sides). Same rules: the key is claimed first, a debit is
   * a conditional UPDATE that changes nothing when the account is short, and credits and entries
   * are written only when every debit passed.
   */
  private async transferInOneStatement(
    db: Kysely<WalletTables>,
    request: TransferRequest,
    t: Readonly<{ id: string; fingerprint: string; at: number }>,
    tail: Readonly<{ kind: TransferTail; values: readonly unknown[] }> | undefined,
  ): Promise<TransferResult & { tailWritten: boolean }> {
    const args = oneStatementArgs(request, t);
    const row = await transferInOneStatement(db, args, tail);
    if (!row.inserted) return { ...(await this.replay(db, request.idempotencyKey, t.fingerprint)), tailWritten: false };
    if (!row.ok) {
      // The caller's transaction must roll back (the key is claimed), as with any LedgerError.
      const short = args.debits[0]![0];
      throw new LedgerError('insufficient_funds', `Not enough ${request.entries.find((e) => e.account === short)!.currency}s for this payment`);
    }
    return { transferId: t.id, replayed: false, source: request.source, entries: request.entries, at: t.at, tailWritten: tail !== undefined };
  }

  /** Moves `coins` from the user's coin account into escrow until captured or released. */
  async hold(trx: LedgerExecutor, request: Readonly<{ userId: string; coins: number; source: string; idempotencyKey: string }>): Promise<Hold> {
    const db = ledgerDb(trx);
    if (!isAmount(request.coins)) throw new LedgerError('unbalanced', `A hold is a positive whole number of coins, not ${request.coins}`);
    const holdId = newId('hld', this.now());
    // On PostgreSQL the hold's row is written by the transfer's own statement (one round trip).
    const transfer = await this.transferAnd(
      trx,
      { idempotencyKey: `hold:${request.idempotencyKey}`, source: request.source, entries: holdEntries(request.userId, request.coins) },
      { kind: 'hold', values: [holdId, request.userId, request.coins] },
    );
    if (transfer.replayed) {
      const existing = await db.selectFrom('ledger_holds').selectAll().where('hold_transfer_id', '=', transfer.transferId).executeTakeFirstOrThrow();
      this.remember(existing);
      return { ...toHold(existing), replayed: true };
    }
    const row: LedgerHoldsTable = {
      id: holdId,
      user_id: request.userId,
      coins: request.coins,
      state: 'pending',
      source: request.source,
      hold_transfer_id: transfer.transferId,
      captured_to: null,
      cut_bps: null,
      settle_transfer_id: null,
      created_at: transfer.at,
      settled_at: null,
    };
    if (!transfer.tailWritten) await insertHold.execute(db, row);
    this.remember(row);
    return { ...toHold(row), replayed: false };
  }

  /** Pays a pending hold to `toUserId` as diamonds, less the platform's cut; exactly once. */
  capture(trx: LedgerExecutor, holdId: string, options: Readonly<{ toUserId: string; cutBps?: number }>): Promise<Hold> {
    const cutBps = options.cutBps ?? DEFAULT_CUT_BPS;
    if (!isCutBps(cutBps)) throw new RangeError(`a cut is 0..10000 basis points, not ${cutBps}`);
    return this.settle(trx, holdId, 'capture', { captured_to: options.toUserId, cut_bps: cutBps }, (hold) => exchangeEntries(systemAccount('escrow', 'coin'), options.toUserId, hold.coins, cutBps));
  }

  /** Gives a pending hold back to its owner; exactly once. */
  release(trx: LedgerExecutor, holdId: string): Promise<Hold> {
    return this.settle(trx, holdId, 'release', { captured_to: null, cut_bps: null }, (hold) => releaseEntries(hold.user_id, hold.coins));
  }

  /** Pays `coins` straight from one user's coins to another's diamonds, less the cut (a gift). */
  spend(trx: LedgerExecutor, request: Readonly<{ fromUserId: string; toUserId: string; coins: number; cutBps?: number; source: string; idempotencyKey: string }>): Promise<TransferResult> {
    if (!isAmount(request.coins)) throw new LedgerError('unbalanced', `A payment is a positive whole number of coins, not ${request.coins}`);
    const entries = exchangeEntries(userAccount(request.fromUserId, 'coin'), request.toUserId, request.coins, request.cutBps ?? DEFAULT_CUT_BPS);
    return this.transfer(trx, { idempotencyKey: request.idempotencyKey, source: request.source, entries });
  }

  async balance(trx: LedgerExecutor, account: string): Promise<number> {
    if (isSystemAccount(account)) {
      const sum = await ledgerDb(trx)
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.sum<string | number | null>('amount').as('total'))
        .where('account_id', '=', account)
        .executeTakeFirst();
      return Number(sum?.total ?? 0);
    }
    const row = await ledgerDb(trx).selectFrom('ledger_accounts').select('balance').where('id', '=', account).executeTakeFirst();
    return row ? Number(row.balance) : 0;
  }

  /**
   * What `account` received from transfers whose source starts with `sourcePrefix` (e.g. `order:`
   * for custom-video payments), in total and at or after `since`: the sum of its credit entries.
   */
  async credited(trx: LedgerExecutor, account: string, sourcePrefix: string, since = 0): Promise<{ total: number; since: number }> {
    if (/[%_\\]/.test(sourcePrefix)) throw new RangeError(`a source prefix is matched literally: ${sourcePrefix}`);
    const row = await ledgerDb(trx)
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
      .select((eb) => [
        eb.fn.sum<string | number | null>('e.amount').as('total'),
        eb.fn.sum<string | number | null>(eb.case().when('e.created_at', '>=', since).then(eb.ref('e.amount')).else(0).end()).as('since'),
      ])
      .where('e.account_id', '=', account)
      .where('e.amount', '>', 0)
      .where('t.source', 'like', `${sourcePrefix}%`)
      .executeTakeFirst();
    return { total: Number(row?.total ?? 0), since: Number(row?.since ?? 0) };
  }

  async holdById(trx: LedgerExecutor, holdId: string): Promise<Hold | null> {
    const row = await ledgerDb(trx).selectFrom('ledger_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
    if (row?.state === 'pending') this.remember(row);
    return row ? { ...toHold(row), replayed: false } : null;
  }

  private async settle(
    trx: LedgerExecutor,
    holdId: string,
    action: HoldAction,
    outcome: Readonly<{ captured_to: string | null; cut_bps: number | null }>,
    plan: (hold: LedgerHoldsTable) => LedgerEntry[],
  ): Promise<Hold> {
    const db = ledgerDb(trx);
    const at = this.now();
    const next = action === 'capture' ? 'captured' : 'released';
    const known = this.knownHolds.get(holdId);
    if (known && dialectOf(trx as Db) === 'postgres') {
      this.knownHolds.delete(holdId);
      const settled = await this.settleFast(db, { ...known, id: holdId }, action, next, outcome, plan, at);
      if (settled) return settled;
    }
    // The conditional UPDATE is the exactly-once gate: only one settle can see the hold pending.
    const won = await settlePending.executeTakeFirst(db, { id: holdId, state: next, at, capturedTo: outcome.captured_to, cutBps: outcome.cut_bps });
    if (!won) {
      const current = await db.selectFrom('ledger_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
      if (!current) throw new LedgerError('not_found', 'No such hold');
      // Repeating the very same settlement is a replay; anything else is refused.
      if (current.state === next && current.captured_to === outcome.captured_to && nullableNumber(current.cut_bps) === outcome.cut_bps) return { ...toHold(current), replayed: true };
      const refusal = settleHold(current.state as HoldState, action);
      throw new LedgerError('hold_settled', refusal.ok ? 'This hold was settled differently' : refusal.reason);
    }
    const hold = { ...won, coins: Number(won.coins) };
    const transfer = await this.transferAnd(trx, { idempotencyKey: `${action}:${holdId}`, source: hold.source, entries: plan(hold) }, { kind: 'settle', values: [holdId] });
    if (!transfer.tailWritten) await setSettleTransfer.execute(db, { id: holdId, transfer: transfer.transferId });
    return { ...toHold(hold), replayed: false };
  }

  /**
   * A settlement in one statement on PostgreSQL (settleInOneStatement): the gate and the transfer
   * in one round trip instead of two. Null when the hold was not pending as `known` says (settled
   * already, or not this hold): nothing was written and the caller takes the long way.
   */
  private async settleFast(
    db: Kysely<WalletTables>,
    known: KnownHold & { readonly id: string },
    action: HoldAction,
    next: HoldState,
    outcome: Readonly<{ captured_to: string | null; cut_bps: number | null }>,
    plan: (hold: LedgerHoldsTable) => LedgerEntry[],
    at: number,
  ): Promise<Hold | null> {
    const hold: LedgerHoldsTable = {
      id: known.id,
      user_id: known.userId,
      coins: known.coins,
      state: next,
      source: known.source,
      hold_transfer_id: known.holdTransferId,
      captured_to: outcome.captured_to,
      cut_bps: outcome.cut_bps,
      settle_transfer_id: null,
      created_at: known.createdAt,
      settled_at: at,
    };
    const request: TransferRequest = { idempotencyKey: `${action}:${known.id}`, source: known.source, entries: plan(hold) };
    const check = checkTransfer(request);
    if (!check.ok) throw new LedgerError('unbalanced', check.reason);
    if (!request.entries.every(fitsOneStatement)) return null;
    const id = newId('trf', at);
    const args = oneStatementArgs(request, { id, fingerprint: transferFingerprint(request), at });
    const gate = { holdId: known.id, userId: known.userId, coins: known.coins, state: next, capturedTo: outcome.captured_to, cutBps: outcome.cut_bps };
    if (!(await settleInOneStatement(db, args, gate)).won) return null;
    return { ...toHold({ ...hold, settle_transfer_id: id }), replayed: false };
  }

  private remember(row: LedgerHoldsTable): void {
    if (row.state !== 'pending') return;
    this.knownHolds.set(row.id, { userId: row.user_id, coins: Number(row.coins), source: row.source, holdTransferId: row.hold_transfer_id, createdAt: Number(row.created_at) });
    // Map order is insertion order: the first is the oldest.
    if (this.knownHolds.size > KNOWN_HOLDS_MAX) this.knownHolds.delete(this.knownHolds.keys().next().value!);
  }

  private async replay(db: Kysely<WalletTables>, key: string, fingerprint: string): Promise<TransferResult> {
    const first = await db.selectFrom('ledger_transfers').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    if (first.fingerprint !== fingerprint) throw new LedgerError('idempotency_conflict', 'This idempotency key was already used for a different transfer');
    const entries = await db.selectFrom('ledger_entries').select(['account_id', 'currency', 'amount']).where('transfer_id', '=', first.id).orderBy('seq').execute();
    return {
      transferId: first.id,
      replayed: true,
      source: first.source,
      entries: entries.map((e) => ({ account: e.account_id, currency: e.currency as Currency, amount: Number(e.amount) })),
      at: Number(first.created_at),
    };
  }

  private async applyDelta(db: Kysely<WalletTables>, account: string, currency: Currency, delta: number, at: number): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const updated = await applyDelta.executeTakeFirst(db, { account, delta });
      if (updated) return;
      // A debit that found no row with enough is refused, whether the account is short or not open yet.
      if (delta < 0) throw new LedgerError('insufficient_funds', `Not enough ${currency}s for this payment`);
      if (!account.startsWith('user:')) throw new LedgerError('not_found', `No ledger account ${account}`);
      // A credit found no row: the user's account opens on its first credit. On PostgreSQL another
      // transaction may be opening it right now (its row is invisible to this UPDATE's snapshot):
      // ON CONFLICT DO NOTHING waits for it, and the retried UPDATE sees the committed row.
      await openAccount.execute(db, { account, currency, at });
    }
    throw new Error(`ledger account ${account} could not be opened`);
  }
}

/** What the ledger remembers of a pending hold (Ledger.knownHolds): the fields that never change. */
interface KnownHold {
  readonly userId: string;
  readonly coins: number;
  readonly source: string;
  readonly holdTransferId: string;
  readonly createdAt: number;
}

/** Pending holds made or read since (a settlement made elsewhere just takes the long way). */
const KNOWN_HOLDS_MAX = 10_000;

/** A transfer's one statement takes it when each credited account is a user's or the platform's (opened on first credit, or kept as entries only). */
function fitsOneStatement(e: LedgerEntry): boolean {
  return e.amount < 0 || isSystemAccount(e.account) || e.account.startsWith('user:');
}

/** A transfer's parameters for its one statement: users' balance changes (debits and credits, in account order) and the entries. */
function oneStatementArgs(request: TransferRequest, t: Readonly<{ id: string; fingerprint: string; at: number }>) {
  const changes = [...balanceChanges(request.entries)].filter(([account]) => !isSystemAccount(account)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const currencyOf = new Map(request.entries.map((e) => [e.account, e.currency]));
  return {
    ...t,
    key: request.idempotencyKey,
    source: request.source,
    debits: changes.filter(([, delta]) => delta < 0),
    credits: changes.filter(([, delta]) => delta > 0).map(([account, delta]) => [account, currencyOf.get(account)!, delta] as const),
    entries: request.entries,
  };
}

/** The platform's own accounts (`system:…`), as opposed to users' (shared/domain/ledger/accounts.ts). */
export function isSystemAccount(account: string): boolean {
  return account.startsWith('system:');
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function toHold(row: LedgerHoldsTable): Omit<Hold, 'replayed'> {
  return {
    id: row.id,
    userId: row.user_id,
    coins: Number(row.coins),
    state: row.state as HoldState,
    source: row.source,
    capturedTo: row.captured_to,
    cutBps: nullableNumber(row.cut_bps),
  };
}
