import { DEFAULT_CUT_BPS, exchangeSplit } from '../ledger/amounts';

/**
 * Gift economics, as pure rules over numbers and times.
 *
 * A paid gift costs `coinPrice` coins, held in escrow when it is sent. Its `diamondValue` equals the
 * price (the ledger exchanges 1 coin : 1 diamond). The streamer then either
 * - **converts** it: diamonds = value minus the platform's cut (default 25 %, rounded down in the
 *   streamer's favour: 36 → 27 diamonds, the platform keeps 9), or
 * - **unlocks** it: the real item is redeemed at a merchant, paid out of the whole price (the
 *   platform keeps the coins and pays the merchant).
 * Unclaimed gifts convert automatically after `AUTO_CONVERT_AFTER_MS` (72 h, configurable).
 * A free gift (price 0) carries no value and cannot be converted or unlocked.
 */

export const AUTO_CONVERT_AFTER_MS = 72 * 60 * 60 * 1000;
/** How long an unlocked code stays redeemable at the merchant. */
export const CODE_VALID_MS = 30 * 24 * 60 * 60 * 1000;
export const MESSAGE_MAX_CHARS = 140;
/** Free gifts per viewer per room per local day (the room's time zone). */
export const FREE_GIFTS_PER_DAY = 10;
/** Popularity points per diamond of gift value a streamer receives. */
export const POPULARITY_PER_DIAMOND = 100;

export interface ConvertSplit {
  readonly diamonds: number;
  readonly platformCut: number;
}

/** What converting a gift of `diamondValue` pays: 36 at 25 % → 27 diamonds, 9 kept. */
export function convertSplit(diamondValue: number, cutBps: number = DEFAULT_CUT_BPS): ConvertSplit {
  const split = exchangeSplit(diamondValue, cutBps);
  return { diamonds: split.earner, platformCut: split.platform };
}

/** When an unclaimed gift sent at `sentAt` converts by itself. */
export function autoConvertAt(sentAt: number, afterMs: number = AUTO_CONVERT_AFTER_MS): number {
  if (!Number.isSafeInteger(afterMs) || afterMs <= 0) throw new RangeError(`the auto-convert limit is a positive number of ms, not ${afterMs}`);
  return sentAt + afterMs;
}

/** Whether the auto-convert limit has run out at `now` (the instant itself counts as due). */
export function isAutoConvertDue(sentAt: number, now: number, afterMs: number = AUTO_CONVERT_AFTER_MS): boolean {
  return now >= autoConvertAt(sentAt, afterMs);
}

/** Feeding value on leaderboards: 1 per diamond of the gift's value (free gifts feed 0). */
export function feedingValue(diamondValue: number): number {
  return diamondValue;
}

/** A message is at most 140 characters (code points, so an emoji is one). */
export function checkMessage(message: string): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const length = [...message].length;
  if (length > MESSAGE_MAX_CHARS) return { ok: false, reason: `A message is at most ${MESSAGE_MAX_CHARS} characters (this one has ${length})` };
  return { ok: true };
}

/** Whether one more free gift fits the viewer's daily allowance in this room. */
export function checkFreeGiftAllowance(sentToday: number, perDay: number = FREE_GIFTS_PER_DAY): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (sentToday >= perDay) return { ok: false, reason: `Free gifts are limited to ${perDay} per room per day; more tomorrow` };
  return { ok: true };
}

/** A catalog entry's prices must agree with the ledger: free (0 / 0), or value = price. */
export function checkGiftPrices(coinPrice: number, diamondValue: number): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (!Number.isSafeInteger(coinPrice) || coinPrice < 0) return { ok: false, reason: 'A coin price is a whole number ≥ 0' };
  if (diamondValue !== coinPrice) return { ok: false, reason: `A gift's diamond value equals its coin price (1 coin : 1 diamond), ${diamondValue} ≠ ${coinPrice}` };
  return { ok: true };
}
