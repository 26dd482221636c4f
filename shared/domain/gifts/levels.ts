/**
 * Account levels and leaderboard medals.
 *
 * A viewer's level comes from their lifetime feeding value (1 per diamond of every gift they have
 * sent, in any room): level n needs LEVEL_THRESHOLDS[n − 1]. The steps grow roughly ×2–2.5 so early
 * levels come quickly and later ones mean something.
 */
export const LEVEL_THRESHOLDS: readonly number[] = [0, 50, 150, 400, 1_000, 2_500, 6_000, 15_000, 40_000, 100_000, 250_000, 600_000];

export interface AccountLevel {
  /** 1-based. */
  readonly level: number;
  /** Feeding value needed for the next level; null at the top. */
  readonly nextAt: number | null;
}

export function accountLevel(lifetimeFeeding: number): AccountLevel {
  if (!Number.isSafeInteger(lifetimeFeeding) || lifetimeFeeding < 0) throw new RangeError(`feeding value is a whole number ≥ 0, not ${lifetimeFeeding}`);
  let level = 1;
  while (level < LEVEL_THRESHOLDS.length && lifetimeFeeding >= LEVEL_THRESHOLDS[level]!) level++;
  return { level, nextAt: level < LEVEL_THRESHOLDS.length ? LEVEL_THRESHOLDS[level]! : null };
}

/** Medals for the top three of a leaderboard; keys, translated by the apps ("Feeding star", …). */
export const MEDALS = ['feeding_star', 'feeding_energy_hand', 'little_feeding_helper'] as const;
export type Medal = (typeof MEDALS)[number];

export interface FeedingRow {
  readonly viewerId: string;
  readonly feedingValue: number;
  readonly giftCount: number;
  /** When the viewer first reached this board in the period (epoch ms): earlier wins a tie. */
  readonly firstAt: number;
}

export interface RankedRow<R extends FeedingRow> {
  readonly rank: number;
  readonly medal: Medal | null;
  readonly row: R;
}

/**
 * Orders a board: feeding value, then gift count (both descending), then who got there first.
 * Ranks are positions (1, 2, 3 …; no shared ranks, so exactly one of each medal); a viewer who fed
 * nothing (free gifts only) is listed but wins no medal.
 */
export function rankBoard<R extends FeedingRow>(rows: readonly R[]): RankedRow<R>[] {
  const sorted = [...rows].sort((a, b) => b.feedingValue - a.feedingValue || b.giftCount - a.giftCount || a.firstAt - b.firstAt || (a.viewerId < b.viewerId ? -1 : 1));
  return sorted.map((row, i) => ({ rank: i + 1, medal: i < MEDALS.length && row.feedingValue > 0 ? MEDALS[i]! : null, row }));
}
