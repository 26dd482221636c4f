import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/index';
import type { PlatformContext } from '../context';
import { ApiError } from '../http/api-error';
import { addRoute } from '../http/route';

export function anchorsRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  addRoute(app, ctx.route, routes.triggerAnchor, async ({ params, session }) => {
    const anchor = await ctx.anchors.visibleById(params.id, { userId: session?.user.id ?? null });
    // A private video's anchor answers 404, not 403: its existence is not the caller's business.
    if (!anchor) throw new ApiError('not_found', 'No such anchor');
    const item = await ctx.items.byId(anchor.itemId);
    if (!item) throw new ApiError('not_found', `The anchor's item "${anchor.itemId}" is no longer in the catalog`);
    const triggerCount = await ctx.anchors.countTrigger(anchor.id);
    const video = await ctx.videos.visibleById(anchor.videoId, { userId: null });
    if (video) ctx.events.publish({ type: 'anchor.triggered', anchorId: anchor.id, videoId: anchor.videoId, triggerCount, at: ctx.now() });
    return { anchor: { ...anchor, triggerCount }, item };
  });

  addRoute(app, ctx.route, routes.hotAnchors, async ({ query }) => {
    const anchors = await ctx.anchors.hot(query.limit);
    const items = await ctx.items.byIds(anchors.map((a) => a.itemId));
    return { anchors: anchors.flatMap((anchor) => (items.has(anchor.itemId) ? [{ anchor, item: items.get(anchor.itemId)! }] : [])) };
  });
}
