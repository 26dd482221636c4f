import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { routes, type User, type UserId } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { clearSessionCookie, fromOwnOrigin, sessionCookieToken, setSessionCookie } from '../../kernel/http/auth';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { newId } from '../../kernel/ids';
import type { Authenticator } from './authenticator';
import type { LoginBackoff } from './login-backoff';
import { hashPassword, needsRehash, verifyPassword, type HashQueue, type ScryptCost } from './password';
import type { UsersRepository } from './users-repository';

export interface AccountsOptions {
  readonly route: RouteOptions;
  readonly users: UsersRepository;
  readonly authenticator: Authenticator;
  readonly scryptCost: ScryptCost;
  /** Every hash and verification goes through it (bounded concurrency). */
  readonly hashes: HashQueue;
  readonly backoff: LoginBackoff;
  readonly now: () => number;
}

/** Login CSRF: a page elsewhere must not sign the browser in to an account of its choosing. */
function refuseCrossOriginCookie(kind: 'token' | 'cookie' | undefined, request: FastifyRequest): void {
  if (kind === 'cookie' && !fromOwnOrigin(request)) throw new ApiError('csrf', 'Cookie sessions start only from the platform’s own pages');
}

/** Register, sign in and out, and who am I. */
export const accountsFeature: FastifyPluginAsync<AccountsOptions> = async (app, { route, users, authenticator, scryptCost, hashes, backoff, now }) => {
  /**
   * A bearer token in the answer (the studio), or for `session: 'cookie'` (the web app) an HttpOnly
   * cookie and an empty `token`, so no script on the page ever holds the credential.
   */
  const startSession = async (user: User, kind: 'token' | 'cookie' | undefined, request: FastifyRequest, reply: FastifyReply) => {
    const started = await authenticator.start(user);
    if (kind !== 'cookie') return { user, ...started };
    setSessionCookie(reply, request, started.token, started.expiresAt - now());
    return { user, token: '', expiresAt: started.expiresAt };
  };
  /** A fixed hash to verify against when the handle is unknown, so timing does not reveal which handles exist. */
  let decoy: Promise<string> | null = null;
  const decoyHash = (): Promise<string> =>
    (decoy ??= hashes
      .run(() => hashPassword('decoy-password', scryptCost))
      .catch((error: unknown) => {
        decoy = null;
        throw error;
      }));
  addRoute(app, route, routes.register, async ({ body, request, reply }) => {
    refuseCrossOriginCookie(body.session, request);
    const passwordHash = await hashes.run(() => hashPassword(body.password, scryptCost));
    const user = await users.insert({ id: newId('usr') as UserId, handle: body.handle, display_name: body.displayName, password_hash: passwordHash, created_at: now() });
    if (!user) throw new ApiError('handle_taken', `The handle "${body.handle}" is taken`);
    return startSession(user, body.session, request, reply);
  });

  addRoute(app, route, routes.login, async ({ body, request, reply }) => {
    refuseCrossOriginCookie(body.session, request);
    backoff.check(body.handle);
    const record = await users.byHandle(body.handle);
    const stored = record?.passwordHash ?? (await decoyHash());
    const ok = await hashes.run(() => verifyPassword(body.password, stored));
    if (!record || !ok) {
      backoff.failed(body.handle);
      request.log.warn({ event: 'login_failed', handle: body.handle, ip: request.ip }, 'sign-in refused');
      throw new ApiError('invalid_credentials', 'Wrong handle or password');
    }
    backoff.succeeded(body.handle);
    // Raised cost: the password is at hand only now, so the hash is redone at this sign-in.
    if (needsRehash(stored, scryptCost)) await users.setPasswordHash(record.user.id, await hashes.run(() => hashPassword(body.password, scryptCost)));
    return startSession(record.user, body.session, request, reply);
  });

  addRoute(app, route, routes.logout, async ({ session, request, reply }) => {
    await authenticator.end(session);
    if (sessionCookieToken(request) !== null) clearSessionCookie(reply, request);
    return null;
  });

  addRoute(app, route, routes.me, ({ session }) => Promise.resolve({ user: session.user }));
};
