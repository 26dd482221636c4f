import { POPULARITY_PER_DIAMOND } from './economics';

/**
 * Streamer popularity.
 *
 * Rule: a gift worth d diamonds adds 100·d points on the UTC day it was received. Each full UTC day
 * that passes multiplies a day's points by 0.8 — so yesterday's gifts count 80 %, last week's 21 %,
 * and after 30 days less than 0.2 % (dropped). A streamer's popularity on day D is
 * round(Σ points(day) · 0.8^(D − day)) over the last 30 days. Stored as per-day sums (one row per
 * streamer per day), so the decay needs no rewriting of old rows and the whole thing is integer
 * storage plus one pass at read time.
 *
 * A month's popularity (period `YYYY-MM`) is the plain sum of that month's points: a closed month
 * is a fixed record, not a decaying one.
 */
export const DAILY_DECAY = 0.8;
export const DECAY_HORIZON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since the epoch in UTC: the popularity day of an instant. */
export function popularityDay(at: number): number {
  return Math.floor(at / DAY_MS);
}

export function popularityPoints(diamondValue: number): number {
  return diamondValue * POPULARITY_PER_DIAMOND;
}

/** Today's popularity from per-day point sums (days after `today` are ignored). */
export function decayedPopularity(days: readonly { readonly day: number; readonly points: number }[], today: number): number {
  let total = 0;
  for (const { day, points } of days) {
    const age = today - day;
    if (age < 0 || age >= DECAY_HORIZON_DAYS) continue;
    total += points * DAILY_DECAY ** age;
  }
  return Math.round(total);
}

/** The first popularity day still inside the horizon on `today`. */
export function horizonStart(today: number): number {
  return today - DECAY_HORIZON_DAYS + 1;
}
