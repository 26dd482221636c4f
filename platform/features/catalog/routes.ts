import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { CatalogRepository } from './repository';

export interface CatalogOptions {
  readonly route: RouteOptions;
  readonly catalog: CatalogRepository;
}

/** The catalog the studio's try-on items come from. */
export const catalogFeature: FastifyPluginAsync<CatalogOptions> = async (app, { route, catalog }) => {
  addRoute(app, route, routes.listItems, async () => ({ items: await catalog.list() }));

  addRoute(app, route, routes.getItem, async ({ params }) => {
    const item = await catalog.byId(params.id);
    if (!item) throw new ApiError('not_found', `No item "${params.id}"`);
    return item;
  });
};
