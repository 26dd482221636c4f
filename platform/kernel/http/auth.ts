import type { FastifyRequest } from 'fastify';
import type { User } from '../../../shared/protocol/index';
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

/** For routes outside the route table (binary media, tus): the session if there is one. */
export function optionalSession(auth: SessionResolver, request: FastifyRequest): Promise<Session | null> {
  return auth.resolve(request.headers.authorization);
}

export async function requiredSession(auth: SessionResolver, authorizationHeader: string | undefined, message = 'Sign in first'): Promise<Session> {
  const session = await auth.resolve(authorizationHeader);
  if (!session) throw new ApiError('unauthorized', message);
  return session;
}
