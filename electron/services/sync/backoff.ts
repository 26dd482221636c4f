export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60 * 1000 };

/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt up to `maxMs`, and the
 * delay is uniformly between half the ceiling and the ceiling, so many studios coming back online
 * after a platform outage do not retry in lock-step. `random` is injected for tests.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
