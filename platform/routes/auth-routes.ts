import type { FastifyInstance } from 'fastify';
import { routes, type UserId } from '../../shared/protocol/index';
import { hashPassword, verifyPassword } from '../auth/password';
import type { PlatformContext } from '../context';
import { ApiError } from '../http/api-error';
import { addRoute } from '../http/route';
import { newId } from '../ids';

/** A fixed hash to verify against when the handle is unknown, so timing does not reveal which handles exist. */
let decoyHash: Promise<string> | null = null;

export function authRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  addRoute(app, ctx.route, routes.register, async ({ body }) => {
    const passwordHash = await hashPassword(body.password, ctx.scryptCost);
    const user = await ctx.users.insert({ id: newId('usr') as UserId, handle: body.handle, display_name: body.displayName, password_hash: passwordHash, created_at: ctx.now() });
    if (!user) throw new ApiError('handle_taken', `The handle "${body.handle}" is taken`);
    const session = await ctx.authenticator.start(user);
    return { user, ...session };
  });

  addRoute(app, ctx.route, routes.login, async ({ body }) => {
    const record = await ctx.users.byHandle(body.handle);
    if (!record) {
      decoyHash ??= hashPassword('decoy-password', ctx.scryptCost);
      await verifyPassword(body.password, await decoyHash);
      throw new ApiError('invalid_credentials', 'Wrong handle or password');
    }
    if (!(await verifyPassword(body.password, record.passwordHash))) throw new ApiError('invalid_credentials', 'Wrong handle or password');
    const session = await ctx.authenticator.start(record.user);
    return { user: record.user, ...session };
  });

  addRoute(app, ctx.route, routes.logout, async ({ session }) => {
    await ctx.authenticator.end(session);
    return null;
  });

  addRoute(app, ctx.route, routes.me, ({ session }) => Promise.resolve({ user: session.user }));
}
