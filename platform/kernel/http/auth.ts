import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthMode, User } from '@shared/protocol/index';
import { ApiError } from './api-error';

/** A signed-in caller. */
export interface Session {
  readonly user: User;
  readonly tokenHash: string;
}

/**
 * The kernel's view of authentication: the accounts feature implements it, every other feature
 * receives it. No header → null (the route decides whether that is fine); a bad or expired token
 * throws the matching 401.
 */
export interface SessionResolver {
  resolve(authorizationHeader: string | undefined): Promise<Session | null>;
}

// ——— Web-app sessions: an HttpOnly cookie instead of a bearer token ———

/** The web app's session cookie; it carries the same opaque token a bearer header would. */
export const SESSION_COOKIE = 'anchor_session';

/** The session token from the request's `Cookie` header, or null. */
export function sessionCookieToken(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over https. */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, maxAgeMs: number): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}${request.protocol === 'https' ? '; Secure' : ''}`);
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${request.protocol === 'https' ? '; Secure' : ''}`);
}

/**
 * Whether a request comes from the platform's own pages: its `Origin` names this origin (the
 * scheme and Host the request arrived with — the host check has already vetted Host), or, when a
 * browser sent no Origin, `Sec-Fetch-Site: same-origin`.
 */
export function fromOwnOrigin(request: Pick<FastifyRequest, 'headers' | 'protocol' | 'host'>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return request.headers['sec-fetch-site'] === 'same-origin';
  try {
    const claimed = new URL(origin);
    const own = new URL(`${request.protocol}://${request.host}`);
    return claimed.protocol === own.protocol && claimed.host === own.host;
  } catch {
    return false;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller's session from a bearer header (unchanged: a bad token → 401), else from the session
 * cookie. A cookie-authenticated mutation must come from the platform's own origin (403 `csrf`):
 * SameSite=Lax already keeps the cookie off cross-site POSTs, and the Origin check covers same-site
 * neighbours (another port or subdomain). A stale cookie is no session on routes where signing in
 * is optional (the public feed keeps working) and 401 where it is required.
 */
export async function requestSession(auth: SessionResolver, request: FastifyRequest, mode: AuthMode = 'optional'): Promise<Session | null> {
  const header = request.headers.authorization;
  if (header !== undefined && header !== '') return auth.resolve(header);
  const token = sessionCookieToken(request);
  if (token === null) return null;
  let session: Session | null;
  try {
    session = await auth.resolve(`Bearer ${token}`);
  } catch (error) {
    if (mode === 'required' || !(error instanceof ApiError)) throw error;
    return null;
  }
  if (session && !SAFE_METHODS.has(request.method) && !fromOwnOrigin(request)) throw new ApiError('csrf', 'This request did not come from the platform’s own pages');
  return session;
}

/**
 * The session of an events-socket upgrade: a bearer header as before (errors included), else the
 * cookie when the page is on the platform's own origin (cross-site WebSocket hijacking: a
 * neighbour's page would carry the cookie too); otherwise anonymous. A stale cookie is anonymous.
 */
export async function socketSession(auth: SessionResolver, request: FastifyRequest): Promise<Session | null> {
  const header = request.headers.authorization;
  if (header !== undefined && header !== '') return auth.resolve(header);
  const token = sessionCookieToken(request);
  if (token === null || !fromOwnOrigin(request)) return null;
  return auth.resolve(`Bearer ${token}`).catch((error: unknown) => {
    if (error instanceof ApiError) return null;
    throw error;
  });
}

/** For routes outside the route table (binary media, tus): the session if there is one (bearer, or the web app's cookie). */
export function optionalSession(auth: SessionResolver, request: FastifyRequest): Promise<Session | null> {
  return requestSession(auth, request, 'optional');
}

export async function requiredSession(auth: SessionResolver, authorizationHeader: string | undefined, message = 'Sign in first'): Promise<Session> {
  const session = await auth.resolve(authorizationHeader);
  if (!session) throw new ApiError('unauthorized', message);
  return session;
}
