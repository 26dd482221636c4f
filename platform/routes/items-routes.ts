import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/index';
import type { PlatformContext } from '../context';
import { ApiError } from '../http/api-error';
import { addRoute } from '../http/route';

export function itemsRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  addRoute(app, ctx.route, routes.listItems, async () => ({ items: await ctx.items.list() }));

  addRoute(app, ctx.route, routes.getItem, async ({ params }) => {
    const item = await ctx.items.byId(params.id);
    if (!item) throw new ApiError('not_found', `No item "${params.id}"`);
    return item;
  });
}
