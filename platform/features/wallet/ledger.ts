import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { DEFAULT_CUT_BPS, isAmount, isCutBps, type Currency } from '@shared/domain/ledger/amounts';
import { systemAccount, userAccount } from '@shared/domain/ledger/accounts';
import { settleHold, type HoldAction, type HoldState } from '@shared/domain/ledger/holds';
import { exchangeEntries, holdEntries, releaseEntries } from '@shared/domain/ledger/plans';
import { balanceChanges, checkTransfer, transferFingerprint, type LedgerEntry, type TransferDraft } from '@shared/domain/ledger/transfer';
import { LedgerError } from './ledger-error';
import { dialectOf, type Db } from '../../kernel/db/database';
import { applyDelta, insertEntries, insertHold, insertTransfer, openAccount, setSettleTransfer, settlePending, transferInOneStatement, type TransferTail } from './ledger-queries';
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
    if (dialectOf(trx as Db) === 'postgres' && request.entries.every((e) => e.amount < 0 || isSystemAccount(e.account) || e.account.startsWith('user:'))) {
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
    const changes = [...balanceChanges(request.entries)].filter(([account]) => !isSystemAccount(account)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const debits = changes.filter(([, delta]) => delta < 0);
    const credits = changes.filter(([, delta]) => delta > 0);
    const currencyOf = new Map(request.entries.map((e) => [e.account, e.currency]));
    const row = await transferInOneStatement(
      db,
      {
        ...t,
        key: request.idempotencyKey,
        source: request.source,
        debits,
        credits: credits.map(([account, delta]) => [account, currencyOf.get(account)!, delta] as const),
        entries: request.entries,
      },
      tail,
    );
    if (!row.inserted) return { ...(await this.replay(db, request.idempotencyKey, t.fingerprint)), tailWritten: false };
    if (!row.ok) {
      // The caller's transaction must roll back (the key is claimed), as with any LedgerError.
      throw new LedgerError('insufficient_funds', `Not enough ${currencyOf.get(debits[0]![0])}s for this payment`);
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

/**
 * The time (ms, 12 hex digits), then 80 random bits like every platform id: `trf_018c2f…`. The time
 * first puts each new transfer and hold at the end of the indexes that hold their ids and the keys
 * made from them (`capture:<hold id>`), instead of at a random page of each: a group-committed batch
 * of flows then dirties a few shared pages rather than one page per row, and SQLite writes every
 * dirty page to the WAL at COMMIT (on PostgreSQL, fewer pages to write and keep cached).
 */
function newId(prefix: 'trf' | 'hld', at: number): string {
  return `${prefix}_${Math.max(0, Math.trunc(at)).toString(16).padStart(12, '0')}${randomHex(10)}`;
}

/** Random bytes come in blocks: one randomBytes call per id was a measurable share of a flow's CPU. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomPool = randomBytes(bytes * 256);
    randomOffset = 0;
  }
  randomOffset += bytes;
  return randomPool.toString('hex', randomOffset - bytes, randomOffset);
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
