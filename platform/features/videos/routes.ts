import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import type { SessionResolver } from '../../kernel/http/auth';
import type { EventHub } from '../../kernel/events/hub';
import { addRoute, JsonText, type RouteOptions } from '../../kernel/http/route';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import { FeedCache, feedKey } from './feed-cache';
import { FEED_CHANGED, FEED_TOPIC } from './feed-changes';
import { FeedPages } from './feed-pages';
import type { PageFilter } from './feed-queries';
import { mediaRoutes } from './media-routes';
import { decodeCursor, type VideosRepository } from './repository';
import type { VideosService } from './service';

export interface VideosOptions {
  readonly route: RouteOptions;
  readonly auth: SessionResolver;
  readonly videos: VideosRepository;
  readonly service: VideosService;
  readonly storage: MediaStorage;
  /** This node's event hub: a new public video posted through any node empties the feed cache. */
  readonly hub: EventHub;
}

/**
 * A signed-in page is emptied by every change that could alter it, so this only bounds how long a
 * change made behind the platform's back (a hand-edited row) can go unseen.
 */
const VIEWER_PAGE_MAX_AGE_MS = 60_000;
/** About 15 KiB each at 20 videos a page. */
const VIEWER_PAGES_MAX = 2000;

/** Posting, the feed, one video, and its media and cover. */
export const videosFeature: FastifyPluginAsync<VideosOptions> = async (app, { route, auth, videos, service, storage, hub }) => {
  // Emptied when this node commits a video, and when any node's public `video.created` reaches the hub.
  const feed = new FeedCache();
  // Signed-in viewers' pages, keyed by viewer and query. Anything that can change one empties it:
  // on this node right after the writer's COMMIT (a post or a counted trigger, through
  // service.onFeedChanged), from other nodes through the log (public posts and triggers as their
  // public events, followers and private ones on the node-internal feed topic).
  const viewerFeed = new FeedCache({ maxAgeMs: VIEWER_PAGE_MAX_AGE_MS, maxPages: VIEWER_PAGES_MAX });
  // Every page, signed in or not, is built as text from a fresh index and each video's prebuilt text.
  const pages = new FeedPages(videos);
  const unfollow = await feed.follow(hub);
  const unfollowPublic = await viewerFeed.follow(hub, ['public'], new Set(['video.created', 'anchor.triggered']));
  const unfollowFeed = await viewerFeed.follow(hub, [FEED_TOPIC], new Set([FEED_CHANGED]));
  const unlisten = videos.onInserted(() => feed.invalidate());
  const unlistenViewers = service.onFeedChanged(() => viewerFeed.invalidate());
  app.addHook('onClose', async () => {
    for (const stop of [unfollow, unfollowPublic, unfollowFeed, unlisten, unlistenViewers]) stop();
  });

  addRoute(app, route, routes.createVideo, async ({ body, session, setStatus }) => {
    const posted = await service.post(session.user, body);
    if (posted.replay) setStatus(200);
    return posted.video;
  });

  addRoute(app, route, routes.listVideos, async ({ query, session }) => {
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw new ApiError('validation_failed', 'query.cursor: not a cursor from this platform');
    // A profile's grid: the creator's public videos, the same for every caller.
    const ownerId = query.creator === undefined ? null : await videos.ownerIdByHandle(query.creator);
    if (query.creator !== undefined && ownerId === null) throw new ApiError('not_found', 'No one has this handle');
    const filter: PageFilter = ownerId !== null ? { kind: 'publicBy', ownerId } : session ? { kind: 'signedIn', userId: session.user.id } : { kind: 'public' };
    const load = () => pages.page(filter, query.limit, cursor);
    // Anonymous pages are the same for everyone (public videos only; counts at most a second old).
    // A signed-in viewer's page can hold their own private videos: kept per viewer, always current.
    if (!session) return new JsonText(await feed.page(feedKey(query), load));
    return new JsonText(await viewerFeed.page(`${filter.kind === 'signedIn' ? filter.userId : ''} ${feedKey(query)}`, load));
  });

  addRoute(app, route, routes.getVideo, async ({ params, session }) => {
    const record = await videos.visibleById(params.id, { userId: session?.user.id ?? null });
    if (!record) throw new ApiError('not_found', 'No such video');
    return record.video;
  });

  mediaRoutes(app, { auth, videos, storage });
};
