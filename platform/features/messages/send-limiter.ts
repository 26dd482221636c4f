/** How many messages one sender may send in a sliding window. */
export interface SendLimit {
  readonly max: number;
  readonly windowMs: number;
}

export const DEFAULT_SEND_LIMIT: SendLimit = { max: 30, windowMs: 60_000 };

/**
 * Per-sender rate limit by the platform clock (a sliding window of send times). Per node, like the
 * other rate limits: several nodes each allow `max`. Replays of an idempotency key do not count.
 */
export class SendLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly limit: SendLimit = DEFAULT_SEND_LIMIT,
  ) {}

  /** Milliseconds until the sender may send again, or 0 when a send is allowed now (and counted). */
  take(senderId: string): number {
    const at = this.now();
    const recent = (this.sent.get(senderId) ?? []).filter((t) => t > at - this.limit.windowMs);
    if (recent.length >= this.limit.max) {
      this.sent.set(senderId, recent);
      return recent[0]! + this.limit.windowMs - at;
    }
    recent.push(at);
    this.sent.set(senderId, recent);
    if (this.sent.size > 10_000) this.sweep(at);
    return 0;
  }

  /** Gives a send back (it failed before anything was written). */
  giveBack(senderId: string): void {
    this.sent.get(senderId)?.pop();
  }

  private sweep(at: number): void {
    for (const [sender, times] of this.sent) if (!times.some((t) => t > at - this.limit.windowMs)) this.sent.delete(sender);
  }
}
