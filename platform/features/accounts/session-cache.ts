import { performance } from 'node:perf_hooks';
import { keepNewest, touch } from '../../kernel/bounded-map';
import type { Session } from '../../kernel/http/auth';

/**
 * The backstop for a change made behind the platform's back (a hand-deleted session row): every
 * change the platform makes empties the entry at once, so this only bounds how long such a change
 * can go unseen. At 10,000 live sessions it costs about 300 session reads a second.
 */
export const SESSION_CACHE_MAX_AGE_MS = 30_000;
/** About 300 bytes each. */
const MAX_SESSIONS = 10_000;

/** A session as read, kept with its expiry: whoever serves it checks that on every request. */
export interface CachedSession {
  readonly session: Session;
  readonly expiresAt: number;
}

interface Entry {
  readonly value: CachedSession;
  readonly at: number;
}

export interface SessionCacheOptions {
  readonly maxAgeMs?: number;
  readonly maxSessions?: number;
  /** Milliseconds on a monotonic clock; a test passes its own. */
  readonly clock?: () => number;
}

/**
 * This node's copy of the sessions it resolved recently, keyed by token hash (never the token),
 * least recently used dropped first. It only remembers: the Authenticator reads, checks expiry on
 * every request and forgets on sign-out; SessionChanges forgets what other nodes changed.
 *
 * A read that overlapped a forget is not kept (`since`/`keep`), so a read that began before a
 * sign-out committed cannot put the ended session back.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private forgets = 0;
  private readonly maxAgeMs: number;
  private readonly maxSessions: number;
  private readonly clock: () => number;

  constructor(options: SessionCacheOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? SESSION_CACHE_MAX_AGE_MS;
    this.maxSessions = options.maxSessions ?? MAX_SESSIONS;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The cached session for `tokenHash` while younger than the maximum age. */
  get(tokenHash: string): CachedSession | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (this.clock() - entry.at >= this.maxAgeMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    touch(this.entries, tokenHash, entry);
    return entry.value;
  }

  /** Take this before reading a session from the database, and hand it to `keep`. */
  since(): number {
    return this.forgets;
  }

  /** Keeps what a read found, unless something was forgotten since the read began (`since`). */
  keep(tokenHash: string, value: CachedSession, since: number): void {
    if (since !== this.forgets) return;
    keepNewest(this.entries, tokenHash, { value, at: this.clock() }, this.maxSessions);
  }

  /** A session that ended. */
  forget(tokenHash: string): void {
    this.forgets++;
    this.entries.delete(tokenHash);
  }

  /** Every session of an account whose handle or name changed, or that is gone. */
  forgetUser(userId: string): void {
    this.forgets++;
    for (const [tokenHash, entry] of this.entries) if (entry.value.session.user.id === userId) this.entries.delete(tokenHash);
  }

  forgetAll(): void {
    this.forgets++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
