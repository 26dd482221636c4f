import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/index';
import type { PlatformContext } from '../context';
import { ApiError } from '../http/api-error';
import { addRoute } from '../http/route';
import { decodeCursor } from '../repositories/videos-repository';
import { postVideo } from '../videos/post-video';

export function videosRoutes(app: FastifyInstance, ctx: PlatformContext): void {
  addRoute(app, ctx.route, routes.createVideo, async ({ body, session, setStatus }) => {
    const posted = await postVideo(ctx, session.user, body);
    if (posted.replay) setStatus(200);
    return posted.video;
  });

  addRoute(app, ctx.route, routes.listVideos, async ({ query, session }) => {
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw new ApiError('validation_failed', 'query.cursor: not a cursor from this platform');
    return ctx.videos.listVisible({ userId: session?.user.id ?? null }, query.limit, cursor);
  });

  addRoute(app, ctx.route, routes.getVideo, async ({ params, session }) => {
    const record = await ctx.videos.visibleById(params.id, { userId: session?.user.id ?? null });
    if (!record) throw new ApiError('not_found', 'No such video');
    return record.video;
  });
}
