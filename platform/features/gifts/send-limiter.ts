/**
 * Per-viewer send rate: a token bucket per sender, checked before any database work. A refused
 * send (429) was never accepted, so nothing accepted is lost; an accepted one (201) is committed.
 * Per node (like the other rate limits): with N nodes a viewer may send up to N× the rate.
 */
export interface SendRate {
  /** Sends allowed at once. */
  readonly burst: number;
  /** Tokens regained per second. */
  readonly perSecond: number;
}

export const DEFAULT_SEND_RATE: SendRate = { burst: 20, perSecond: 10 };

export class SendLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: SendRate,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `senderId`; false → over the rate, with the wait in ms until the next one. */
  take(senderId: string): { readonly ok: true } | { readonly ok: false; readonly retryInMs: number } {
    const now = this.clock();
    const bucket = this.buckets.get(senderId) ?? { tokens: this.rate.burst, at: now };
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond);
    bucket.at = now;
    this.buckets.set(senderId, bucket);
    if (this.buckets.size > 100_000) this.sweep(now);
    if (bucket.tokens < 1) return { ok: false, retryInMs: Math.ceil(((1 - bucket.tokens) / this.rate.perSecond) * 1000) };
    bucket.tokens -= 1;
    return { ok: true };
  }

  /** Forgets full buckets (they behave exactly like a new one). */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.buckets.delete(key);
    }
  }
}
