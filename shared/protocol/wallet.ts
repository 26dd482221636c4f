import { z } from 'zod';
import { TOP_UP_MAX_COINS, TOP_UP_MIN_COINS } from '../domain/ledger/amounts';
import type { RouteSpec } from './routes';

/** The caller's wallet: spendable coins, earned diamonds and coins held in escrow (not spendable). */
export const Wallet = z.object({
  coins: z.number().int().nonnegative(),
  diamonds: z.number().int().nonnegative(),
  heldCoins: z.number().int().nonnegative(),
});
export type Wallet = z.output<typeof Wallet>;

export const WALLET_PAGE_MAX = 100;

export const WalletEntriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(WALLET_PAGE_MAX).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'not a wallet cursor')
    .optional(),
});

/** One line of the caller's statement: what moved in or out of one of their accounts, and why. */
export const WalletEntry = z.object({
  id: z.string(),
  transferId: z.string(),
  currency: z.enum(['coin', 'diamond']),
  /** Positive: received; negative: paid. */
  amount: z.number().int(),
  /** `top_up:<id>`, `order:<id>`, `gift:<id>`… */
  source: z.string(),
  /** Who was on the other side, as a short label (Top-up, Held, Platform, Exchange). */
  counterparty: z.string(),
  at: z.number().int(),
});
export type WalletEntry = z.output<typeof WalletEntry>;

export const WalletEntryPage = z.object({ entries: z.array(WalletEntry), nextCursor: z.string().nullable() });
export type WalletEntryPage = z.output<typeof WalletEntryPage>;

export const TopUpRequest = z.object({
  coins: z.number().int().min(TOP_UP_MIN_COINS).max(TOP_UP_MAX_COINS),
  /** Chosen by the client once per purchase; a retry with the same key and coins answers the first result. */
  idempotencyKey: z.string().min(8).max(120),
});
export type TopUpRequest = z.output<typeof TopUpRequest>;

export const TopUpResponse = z.object({ topUpId: z.string(), transferId: z.string(), coins: z.number().int(), wallet: Wallet });
export type TopUpResponse = z.output<typeof TopUpResponse>;

const spec = <S extends RouteSpec>(s: S): S => s;

/** The wallet's routes (relative to API_PREFIX). */
export const walletRoutes = {
  wallet: spec({ method: 'GET', path: '/wallet', auth: 'required', status: 200, response: Wallet, summary: 'The caller’s coins, diamonds and held coins' }),
  walletEntries: spec({
    method: 'GET',
    path: '/wallet/entries',
    auth: 'required',
    status: 200,
    query: WalletEntriesQuery,
    response: WalletEntryPage,
    summary: 'The caller’s ledger entries, newest first',
  }),
  topUp: spec({
    method: 'POST',
    path: '/wallet/top-up',
    auth: 'required',
    status: 201,
    body: TopUpRequest,
    response: TopUpResponse,
    summary: 'Buy coins through the payment provider (idempotent per key)',
  }),
} as const;
