import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@shared/protocol/index';
import type { TransactionRunner } from '../../kernel/db/transaction';
import type { PublicEvents } from '../../kernel/events/event-system';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { CatalogLookup } from '../catalog/service';
import type { VideoLookup } from '../videos/service';
import type { AnchorsRepository } from './repository';

export interface AnchorsOptions {
  readonly route: RouteOptions;
  readonly anchors: AnchorsRepository;
  readonly catalog: CatalogLookup;
  readonly videos: VideoLookup;
  readonly events: PublicEvents;
  readonly transaction: TransactionRunner;
  readonly now: () => number;
}

const HOUR_MS = 60 * 60 * 1000;

/** Viewers tapping an anchor (counted) and the hot list. */
export const anchorsFeature: FastifyPluginAsync<AnchorsOptions> = async (app, { route, anchors, catalog, videos, events, transaction, now }) => {
  addRoute(app, route, routes.triggerAnchor, async ({ params, session, request }) => {
    const anchor = await anchors.visibleById(params.id, { userId: session?.user.id ?? null });
    // A private video's anchor answers 404, not 403: its existence is not the caller's business.
    if (!anchor) throw new ApiError('not_found', 'No such anchor');
    const item = await catalog.byId(anchor.itemId);
    if (!item) throw new ApiError('not_found', `The anchor's item "${anchor.itemId}" is no longer in the catalog`);
    // Once per viewer (an account, else an address) per anchor per hour: repeated taps and
    // anonymous floods do not inflate the count or the hot list.
    const viewerKey = session ? `user:${session.user.id}` : `ip:${request.ip}`;
    // Discover hears of triggers on public videos only; the count and its event commit together.
    const isPublic = (await videos.visibleById(anchor.videoId, { userId: null })) !== null;
    const { triggerCount } = await transaction(async (trx) => {
      const counted = await anchors.countTriggerOnce(anchor.id, viewerKey, Math.floor(now() / HOUR_MS), trx);
      if (counted.counted && isPublic) await events.publish(trx, { type: 'anchor.triggered', anchorId: anchor.id, videoId: anchor.videoId, triggerCount: counted.triggerCount, at: now() });
      return counted;
    });
    return { anchor: { ...anchor, triggerCount }, item };
  });

  addRoute(app, route, routes.hotAnchors, async ({ query }) => {
    const hot = await anchors.hot(query.limit);
    const items = await catalog.byIds(hot.map((a) => a.itemId));
    return { anchors: hot.flatMap((anchor) => (items.has(anchor.itemId) ? [{ anchor, item: items.get(anchor.itemId)! }] : [])) };
  });
};
