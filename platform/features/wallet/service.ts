import { createHash } from 'node:crypto';
import { accountLabel, userAccount } from '@shared/domain/ledger/accounts';
import { checkTopUpCoins, type Currency } from '@shared/domain/ledger/amounts';
import { topUpEntries } from '@shared/domain/ledger/plans';
import { transferFingerprint } from '@shared/domain/ledger/transfer';
import type { Wallet, WalletEntry, WalletEntryPage } from '@shared/protocol/wallet';
import { ApiError } from '../../kernel/http/api-error';
import type { Ledger } from './ledger';
import { LedgerError } from './ledger-error';
import type { PaymentProvider } from './payment-provider';
import { ledgerDb, type LedgerExecutor } from './schema';

export type { Hold, TransferRequest, TransferResult } from './ledger';
export { LedgerError } from './ledger-error';
/** Other features' tests run the ledger check after their money flows. */
export { checkLedger, type LedgerReport } from './check-ledger';

/**
 * What other features use to move money, always inside their own transaction (`trx`): an order
 * holds the buyer's coins and captures or releases them; a gift spends coins as the streamer's
 * diamonds. A LedgerError thrown here must roll the caller's transaction back.
 */
export type WalletLedger = Pick<Ledger, 'transfer' | 'hold' | 'capture' | 'release' | 'spend' | 'balance' | 'credited'>;

export interface TopUpResult {
  readonly topUpId: string;
  readonly transferId: string;
  readonly coins: number;
  readonly replayed: boolean;
}

/** The wallet's own use cases behind its routes: balances, the statement, buying coins. */
export class WalletService {
  constructor(
    private readonly deps: Readonly<{
      db: LedgerExecutor;
      ledger: Ledger;
      payments: PaymentProvider;
      transaction: <T>(work: (trx: LedgerExecutor) => Promise<T>) => Promise<T>;
    }>,
  ) {}

  async wallet(userId: string): Promise<Wallet> {
    const db = ledgerDb(this.deps.db);
    const accounts = await db
      .selectFrom('ledger_accounts')
      .select(['id', 'balance'])
      .where('id', 'in', [userAccount(userId, 'coin'), userAccount(userId, 'diamond')])
      .execute();
    const balanceOf = (currency: Currency): number => Number(accounts.find((a) => a.id === userAccount(userId, currency))?.balance ?? 0);
    const held = await db
      .selectFrom('ledger_holds')
      .select((eb) => eb.fn.sum<string | number | null>('coins').as('total'))
      .where('user_id', '=', userId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return { coins: balanceOf('coin'), diamonds: balanceOf('diamond'), heldCoins: Number(held?.total ?? 0) };
  }

  /** The caller's entries, newest first; each names its source and the other side of the transfer. */
  async entries(userId: string, page: Readonly<{ limit: number; cursor?: string | undefined }>): Promise<WalletEntryPage> {
    const db = ledgerDb(this.deps.db);
    const own = [userAccount(userId, 'coin'), userAccount(userId, 'diamond')];
    let query = db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transfers as t', 't.id', 'e.transfer_id')
      .select(['e.seq', 'e.transfer_id', 'e.account_id', 'e.currency', 'e.amount', 'e.created_at', 't.source'])
      .where('e.account_id', 'in', own)
      .orderBy('e.seq', 'desc')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) query = query.where('e.seq', '<', Number(page.cursor));
    const rows = await query.execute();
    const shown = rows.slice(0, page.limit);
    const others = shown.length
      ? await db
          .selectFrom('ledger_entries')
          .select(['transfer_id', 'account_id', 'currency', 'amount'])
          .where('transfer_id', 'in', [...new Set(shown.map((r) => r.transfer_id))])
          .execute()
      : [];
    const entries: WalletEntry[] = shown.map((row) => {
      const amount = Number(row.amount);
      // The counterparty: the largest entry on the other side of the same currency.
      const counter = others
        .filter((o) => o.transfer_id === row.transfer_id && o.currency === row.currency && o.account_id !== row.account_id && Math.sign(Number(o.amount)) === -Math.sign(amount))
        .sort((a, b) => Math.abs(Number(b.amount)) - Math.abs(Number(a.amount)))[0];
      return {
        id: String(row.seq),
        transferId: row.transfer_id,
        currency: row.currency as Currency,
        amount,
        source: row.source,
        counterparty: counter ? accountLabel(counter.account_id) : 'Exchange',
        at: Number(row.created_at),
      };
    });
    return { entries, nextCursor: rows.length > page.limit && shown.length ? String(shown.at(-1)!.seq) : null };
  }

  /**
   * Buys coins: a replay of a key answers its first result without charging again; otherwise the
   * payment provider charges, then one transfer credits the coins (source `top_up:<id>`).
   */
  async topUp(userId: string, coins: number, idempotencyKey: string): Promise<TopUpResult> {
    const allowed = checkTopUpCoins(coins);
    if (!allowed.ok) throw new RangeError(allowed.reason);
    const topUpId = `top_${createHash('sha256').update(`${userId}\u0000${idempotencyKey}`).digest('hex').slice(0, 20)}`;
    const request = { idempotencyKey: `top_up:${userId}:${idempotencyKey}`, source: `top_up:${topUpId}`, entries: topUpEntries(userId, coins) };
    const first = await ledgerDb(this.deps.db).selectFrom('ledger_transfers').select(['id', 'fingerprint']).where('idempotency_key', '=', request.idempotencyKey).executeTakeFirst();
    if (first) {
      if (first.fingerprint !== transferFingerprint(request)) throw new LedgerError('idempotency_conflict', 'This idempotency key was already used for a top-up of a different amount');
      return { topUpId, transferId: first.id, coins, replayed: true };
    }
    const payment = await this.deps.payments.charge({ userId, coins, idempotencyKey: request.idempotencyKey });
    if (!payment.ok) throw new LedgerError('payment_declined', `The payment was declined: ${payment.reason}`);
    const transfer = await this.deps.transaction((trx) => this.deps.ledger.transfer(trx, request));
    return { topUpId, transferId: transfer.transferId, coins, replayed: transfer.replayed };
  }
}

/** The ledger's refusals as the protocol's errors (a LedgerError has already rolled the transaction back), for any feature's routes. */
export async function ledgerRefusals<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    switch (error.code) {
      case 'insufficient_funds':
      case 'idempotency_conflict':
      case 'hold_settled':
      case 'not_found':
      case 'payment_declined':
        throw new ApiError(error.code, error.message);
      case 'unbalanced':
        throw new ApiError('bad_request', error.message);
      default: {
        const unreachable: never = error.code;
        throw unreachable;
      }
    }
  }
}
