import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import type { SessionResolver } from '../../kernel/http/auth';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import { mediaRoutes } from './media-routes';
import { decodeCursor, type VideosRepository } from './repository';
import type { VideosService } from './service';

export interface VideosOptions {
  readonly route: RouteOptions;
  readonly auth: SessionResolver;
  readonly videos: VideosRepository;
  readonly service: VideosService;
  readonly storage: MediaStorage;
}

/** Posting, the feed, one video, and its media and cover. */
export const videosFeature: FastifyPluginAsync<VideosOptions> = async (app, { route, auth, videos, service, storage }) => {
  addRoute(app, route, routes.createVideo, async ({ body, session, setStatus }) => {
    const posted = await service.post(session.user, body);
    if (posted.replay) setStatus(200);
    return posted.video;
  });

  addRoute(app, route, routes.listVideos, async ({ query, session }) => {
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw new ApiError('validation_failed', 'query.cursor: not a cursor from this platform');
    return videos.listVisible({ userId: session?.user.id ?? null }, query.limit, cursor);
  });

  addRoute(app, route, routes.getVideo, async ({ params, session }) => {
    const record = await videos.visibleById(params.id, { userId: session?.user.id ?? null });
    if (!record) throw new ApiError('not_found', 'No such video');
    return record.video;
  });

  mediaRoutes(app, { auth, videos, storage });
};
