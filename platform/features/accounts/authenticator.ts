import { createHash, randomBytes } from 'node:crypto';
import type { User, UserId } from '@shared/protocol/index';
import { toSafeInteger } from '../../kernel/db/numbers';
import { ApiError } from '../../kernel/http/api-error';
import type { Session, SessionResolver } from '../../kernel/http/auth';
import type { SessionsRepository } from './sessions-repository';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Bearer tokens are 256 random bits; only their hash is stored. */
export class Authenticator implements SessionResolver {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  async start(user: User): Promise<{ token: string; expiresAt: number }> {
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttlMs;
    await this.sessions.insert({ token_hash: hashToken(token), user_id: user.id, created_at: createdAt, expires_at: expiresAt });
    return { token, expiresAt };
  }

  async end(session: Session): Promise<void> {
    await this.sessions.remove(session.tokenHash);
  }

  /**
   * Resolves an Authorization header. No header → null (the route decides whether that is fine);
   * a malformed, unknown or expired token → 401, so a client with a stale token learns to sign in again.
   */
  async resolve(header: string | undefined): Promise<Session | null> {
    if (header === undefined || header === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError('unauthorized', 'Use an "Authorization: Bearer <token>" header');
    const tokenHash = hashToken(match[1]!);
    const row = await this.sessions.withUser(tokenHash);
    if (!row) throw new ApiError('unauthorized', 'This session is not valid; sign in again');
    if (toSafeInteger(row.expires_at) <= this.now()) {
      await this.sessions.remove(tokenHash);
      throw new ApiError('token_expired', 'This session has expired; sign in again');
    }
    if (row.handle === null || row.display_name === null || row.user_created_at === null) throw new ApiError('unauthorized', 'This account no longer exists');
    const user: User = { id: row.user_id as UserId, handle: row.handle, displayName: row.display_name, createdAt: toSafeInteger(row.user_created_at) };
    return { user, tokenHash };
  }
}
