import { ApiError } from '../../kernel/http/api-error';

export interface BackoffPolicy {
  /** Wrong passwords after which the account's sign-ins are slowed. */
  readonly freeFailures: number;
  /** The first wait; each further failure doubles it, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 };

/** Handles remembered at once; the oldest are forgotten past this (a bound, not a database). */
const MAX_TRACKED = 100_000;

/**
 * Per-account failed sign-in backoff, beside the per-address rate limit: guessing one account's
 * password from many addresses is slowed too. Unknown handles are tracked the same way, so the
 * answers do not reveal which handles exist. While an account waits, a sign-in is refused before any
 * hashing, so the wait also costs the platform nothing. In memory, per node.
 */
export class LoginBackoff {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Throws 429 while `handle` must wait. */
  check(handle: string): void {
    const entry = this.failures.get(handle);
    const left = entry ? entry.until - this.now() : 0;
    if (left > 0) throw new ApiError('rate_limited', `Too many wrong passwords for this account; try again in ${Math.ceil(left / 1000)} s`);
  }

  failed(handle: string): void {
    const entry = this.failures.get(handle) ?? { count: 0, until: 0 };
    this.failures.delete(handle); // re-inserted last: Map order is then least recently failed first
    entry.count++;
    const over = entry.count - this.policy.freeFailures + 1;
    entry.until = over > 0 ? this.now() + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1)) : 0;
    this.failures.set(handle, entry);
    if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(handle: string): void {
    this.failures.delete(handle);
  }
}
