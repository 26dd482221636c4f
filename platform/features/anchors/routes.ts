import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@shared/protocol/index';
import type { TransactionRunner } from '../../kernel/db/transaction';
import type { PublicEvents } from '../../kernel/events/event-system';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { suggestAssociated } from '@shared/domain/anchors/suggestions';
import { HOT_ANCHORS_MAX, type CatalogItem } from '@shared/protocol/index';
import type { CatalogLookup } from '../catalog/service';
import type { VideoLookup } from '../videos/service';
import type { AnchorsRepository } from './repository';

export interface AnchorsOptions {
  readonly route: RouteOptions;
  readonly anchors: AnchorsRepository;
  /** Look-ups, and the whole list for suggestions. */
  readonly catalog: CatalogLookup & { list(): Promise<CatalogItem[]> };
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
    const found = await catalog.byIds([anchor.itemId, ...anchor.extraItemIds]);
    const item = found.get(anchor.itemId);
    if (!item) throw new ApiError('not_found', `The anchor's item "${anchor.itemId}" is no longer in the catalog`);
    // The try-on opens with every linked item still sold: its own first, then the extras in order.
    const items = [item, ...anchor.extraItemIds.flatMap((id) => found.get(id) ?? [])];
    // Once per viewer (an account, else an address) per anchor per hour: repeated taps and
    // anonymous floods do not inflate the count or the hot list.
    const viewerKey = session ? `user:${session.user.id}` : `ip:${request.ip}`;
    // Discover hears of triggers on public videos only; the count and its event commit together.
    const isPublic = (await videos.visibleById(anchor.videoId, { userId: null })) !== null;
    const { triggerCount } = await transaction(async (trx) => {
      const counted = await anchors.countTriggerOnce(anchor.id, viewerKey, Math.floor(now() / HOUR_MS), trx);
      if (counted.counted && isPublic) await events.publish(trx, { type: 'anchor.triggered', anchorId: anchor.id, videoId: anchor.videoId, triggerCount: counted.triggerCount, at: now() });
      if (counted.counted) await videos.triggerCounted(trx, anchor.videoId, isPublic);
      return counted;
    });
    return { anchor: { ...anchor, triggerCount }, item, items };
  });

  addRoute(app, route, routes.hotAnchors, async ({ query }) => {
    const hot = await anchors.hot(query.limit);
    const items = await catalog.byIds(hot.map((a) => a.itemId));
    return { anchors: hot.flatMap((anchor) => (items.has(anchor.itemId) ? [{ anchor, item: items.get(anchor.itemId)! }] : [])) };
  });

  addRoute(app, route, routes.anchorSuggestions, async ({ query }) => {
    // The most triggered anchors' items come after the same-type ones; a deep enough hot list
    // leaves room for repeats of one item to be skipped.
    const hot = await anchors.hot(HOT_ANCHORS_MAX);
    const suggestions = suggestAssociated(await catalog.list(), query.itemId, hot, query.limit);
    if (!suggestions) throw new ApiError('not_found', `No catalog item "${query.itemId}"`);
    return { suggestions };
  });
};
