import type { FastifyPluginAsync } from 'fastify';
import { routes, type UserId } from '../../../shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { newId } from '../../kernel/ids';
import type { Authenticator } from './authenticator';
import { hashPassword, verifyPassword, type ScryptCost } from './password';
import type { UsersRepository } from './users-repository';

export interface AccountsOptions {
  readonly route: RouteOptions;
  readonly users: UsersRepository;
  readonly authenticator: Authenticator;
  readonly scryptCost: ScryptCost;
  readonly now: () => number;
}

/** A fixed hash to verify against when the handle is unknown, so timing does not reveal which handles exist. */
let decoyHash: Promise<string> | null = null;

/** Register, sign in and out, and who am I. */
export const accountsFeature: FastifyPluginAsync<AccountsOptions> = async (app, { route, users, authenticator, scryptCost, now }) => {
  addRoute(app, route, routes.register, async ({ body }) => {
    const passwordHash = await hashPassword(body.password, scryptCost);
    const user = await users.insert({ id: newId('usr') as UserId, handle: body.handle, display_name: body.displayName, password_hash: passwordHash, created_at: now() });
    if (!user) throw new ApiError('handle_taken', `The handle "${body.handle}" is taken`);
    const session = await authenticator.start(user);
    return { user, ...session };
  });

  addRoute(app, route, routes.login, async ({ body }) => {
    const record = await users.byHandle(body.handle);
    if (!record) {
      decoyHash ??= hashPassword('decoy-password', scryptCost);
      await verifyPassword(body.password, await decoyHash);
      throw new ApiError('invalid_credentials', 'Wrong handle or password');
    }
    if (!(await verifyPassword(body.password, record.passwordHash))) throw new ApiError('invalid_credentials', 'Wrong handle or password');
    const session = await authenticator.start(record.user);
    return { user: record.user, ...session };
  });

  addRoute(app, route, routes.logout, async ({ session }) => {
    await authenticator.end(session);
    return null;
  });

  addRoute(app, route, routes.me, ({ session }) => Promise.resolve({ user: session.user }));
};
