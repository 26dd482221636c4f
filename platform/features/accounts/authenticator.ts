import { createHash, randomBytes } from 'node:crypto';
import type { User, UserId } from '@shared/protocol/index';
import { toSafeInteger } from '../../kernel/db/numbers';
import type { TransactionRunner } from '../../kernel/db/transaction';
import { ApiError } from '../../kernel/http/api-error';
import type { Session, SessionResolver } from '../../kernel/http/auth';
import type { SessionCache } from './session-cache';
import type { SessionChanges } from './session-changes';
import type { SessionsRepository } from './sessions-repository';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface AuthenticatorOptions {
  readonly sessions: SessionsRepository;
  /** This node's sessions resolved recently (session-cache.ts). */
  readonly cache: SessionCache;
  /** Tells every node's cache about a sign-out, in the sign-out's transaction. */
  readonly changes: SessionChanges;
  readonly transaction: TransactionRunner;
  readonly now: () => number;
  readonly ttlMs: number;
}

/** Bearer tokens are 256 random bits; only their hash is stored (and cached). */
export class Authenticator implements SessionResolver {
  constructor(private readonly options: AuthenticatorOptions) {}

  async start(user: User): Promise<{ token: string; expiresAt: number }> {
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    const createdAt = this.options.now();
    const expiresAt = createdAt + this.options.ttlMs;
    await this.options.sessions.insert({ token_hash: hashToken(token), user_id: user.id, created_at: createdAt, expires_at: expiresAt });
    return { token, expiresAt };
  }

  async end(session: Session): Promise<void> {
    await this.options.transaction(async (trx) => {
      await this.options.sessions.remove(session.tokenHash, trx);
      await this.options.changes.ended(trx, session.tokenHash);
    });
  }

  /**
   * Resolves an Authorization header. No header → null (the route decides whether that is fine);
   * a malformed, unknown or expired token → 401, so a client with a stale token learns to sign in again.
   * A session this node read recently comes from its cache; its expiry is checked all the same.
   */
  async resolve(header: string | undefined): Promise<Session | null> {
    if (header === undefined || header === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError('unauthorized', 'Use an "Authorization: Bearer <token>" header');
    const tokenHash = hashToken(match[1]!);
    const cached = this.options.cache.get(tokenHash);
    if (!cached) return this.read(tokenHash);
    if (cached.expiresAt <= this.options.now()) return this.expire(tokenHash);
    return cached.session;
  }

  private async read(tokenHash: string): Promise<Session> {
    const since = this.options.cache.since();
    const row = await this.options.sessions.withUser(tokenHash);
    if (!row) throw new ApiError('unauthorized', 'This session is not valid; sign in again');
    const expiresAt = toSafeInteger(row.expires_at);
    if (expiresAt <= this.options.now()) return this.expire(tokenHash);
    if (row.handle === null || row.display_name === null || row.user_created_at === null) throw new ApiError('unauthorized', 'This account no longer exists');
    const user: User = { id: row.user_id as UserId, handle: row.handle, displayName: row.display_name, createdAt: toSafeInteger(row.user_created_at) };
    const session: Session = { user, tokenHash };
    this.options.cache.keep(tokenHash, { session, expiresAt }, since);
    return session;
  }

  /** Every node checks expiry itself, so an expired session needs no event: this node forgets it and the row goes. */
  private async expire(tokenHash: string): Promise<never> {
    this.options.cache.forget(tokenHash);
    await this.options.sessions.remove(tokenHash);
    throw new ApiError('token_expired', 'This session has expired; sign in again');
  }
}
