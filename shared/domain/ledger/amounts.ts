/** The two currencies: viewers pay in coins, creators and streamers earn diamonds. */
export const CURRENCIES = ['coin', 'diamond'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** One top-up buys at least 1 and at most 1,000,000 coins. */
export const TOP_UP_MIN_COINS = 1;
export const TOP_UP_MAX_COINS = 1_000_000;

/** Cuts are in basis points (1/100 of a percent) so every split is integer arithmetic. */
export const BASIS_POINTS = 10_000;
/** The platform's default cut on an exchange: 25 %. */
export const DEFAULT_CUT_BPS = 2_500;

/** A positive whole number of coins or diamonds that integer arithmetic keeps exact. */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isCutBps(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BASIS_POINTS;
}

export interface ExchangeSplit {
  /** Diamonds for the earner. */
  readonly earner: number;
  /** What the platform keeps, in the price's coins. */
  readonly platform: number;
}

/**
 * A coin price becomes diamonds for the earner at 1 : 1 minus the platform's cut. The cut rounds
 * down (a fraction of a coin goes to the earner), and the two parts always add up to the price:
 * 36 coins at 25 % → 27 diamonds + 9 coins to the platform.
 */
export function exchangeSplit(priceCoins: number, cutBps: number = DEFAULT_CUT_BPS): ExchangeSplit {
  if (!isAmount(priceCoins)) throw new RangeError(`an exchanged price must be a positive whole number of coins, not ${priceCoins}`);
  if (!isCutBps(cutBps)) throw new RangeError(`a cut must be 0..${BASIS_POINTS} basis points, not ${cutBps}`);
  // priceCoins * cutBps stays exact below 2^53 for any price up to ~9e11 coins.
  const platform = Math.floor((priceCoins * cutBps) / BASIS_POINTS);
  return { earner: priceCoins - platform, platform };
}

export type TopUpRefusal = { readonly ok: false; readonly reason: string };

/** Whether a top-up of this many coins is allowed. */
export function checkTopUpCoins(coins: number): { readonly ok: true } | TopUpRefusal {
  if (!Number.isSafeInteger(coins)) return { ok: false, reason: 'A top-up is a whole number of coins' };
  if (coins < TOP_UP_MIN_COINS || coins > TOP_UP_MAX_COINS) return { ok: false, reason: `A top-up is ${TOP_UP_MIN_COINS} to ${TOP_UP_MAX_COINS.toLocaleString('en')} coins` };
  return { ok: true };
}
