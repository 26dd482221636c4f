import type { FastifyInstance } from 'fastify';
import { giftsMigrations } from './features/gifts/migrations/index';
import { GIFT_CATALOG_SEED } from './features/gifts/catalog-seed';
import { GiftCatalogRepository } from './features/gifts/catalog-repository';
import { GiftsRepository } from './features/gifts/repository';
import { giftsFeature } from './features/gifts/routes';
import { AUTO_CONVERT_JOB, GiftsService, type GiftPolicy } from './features/gifts/service';
import { ThanksMedia } from './features/gifts/thanks-media';
import { leaderboardsMigrations } from './features/leaderboards/migrations/index';
import { LeaderboardsRepository } from './features/leaderboards/repository';
import { leaderboardsFeature } from './features/leaderboards/routes';
import { merchantMigrations } from './features/merchant/migrations/index';
import { merchantFeature } from './features/merchant/routes';
import { merchantKeyFrom, SandboxMerchant } from './features/merchant/service';
import { liveStreamMigrations } from './features/live-stream/migrations/index';
import type { LiveMediaServer } from './features/live-stream/media-server';
import { RoomStreamsRepository } from './features/live-stream/repository';
import { liveStreamFeature } from './features/live-stream/routes';
import { LiveStreamService } from './features/live-stream/service';
import { roomsMigrations } from './features/rooms/migrations/index';
import { RoomsRepository } from './features/rooms/repository';
import { roomsFeature } from './features/rooms/routes';
import { RoomsService } from './features/rooms/service';
import type { Notifier } from './features/notifications/service';
import type { OwnedUploads } from './features/uploads/service';
import { Ledger } from './features/wallet/ledger';
import type { Executor } from './kernel/db/transaction';
import type { EventSystem } from './kernel/events/event-system';
import type { RouteOptions } from './kernel/http/route';
import type { Scheduler } from './kernel/jobs/scheduler';
import type { MediaTools } from './kernel/media/tools';
import type { MediaStorage } from './kernel/storage/media-storage';

/** Live rooms' migrations (rooms 0400, gifts 0410, leaderboards 0420, merchant 0430, live stream 0440): part of `featureMigrations`. */
export const liveRoomsMigrations = { ...roomsMigrations, ...giftsMigrations, ...leaderboardsMigrations, ...merchantMigrations, ...liveStreamMigrations };

export interface LiveRoomsDeps {
  readonly db: Executor;
  readonly now: () => number;
  readonly route: RouteOptions;
  readonly events: Pick<EventSystem, 'log' | 'topics'>;
  readonly jobs: Scheduler;
  /** Upsert the seeded gift catalog at start. */
  readonly seed: boolean;
  /** The sandbox merchant's key; absent → PLATFORM_SANDBOX_MERCHANT_KEY, else generated and handed to `onGeneratedMerchantKey`. */
  readonly merchantKey?: string | undefined;
  readonly onGeneratedMerchantKey: (key: string) => void;
  readonly policy?: Partial<GiftPolicy> | undefined;
  /** Thanks with a picture or a clip: the streamer's finished uploads, and ffprobe for clips. */
  readonly uploads?: Pick<OwnedUploads, 'readOwned' | 'fileOf' | 'forget'>;
  /** Where accepted thanks media are kept for good (its own root: the videos' orphan sweep never sees it). */
  readonly thanksStorage?: MediaStorage;
  readonly tools?: MediaTools | null;
  /** The bell (notifications feature), when the platform has one. */
  readonly notifier?: Notifier;
  /** The RTMP/HLS media server (issue 15); null or absent → live video off (ingest answers `live_off`). */
  readonly media?: LiveMediaServer | null;
  readonly warn?: (message: string) => void;
  /** The folder of the catalog's gift pictures, animations and sounds (resources/gifts); absent → not served. */
  readonly giftMediaDir?: string | undefined;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The composition of issue 14's features (rooms, gifts, leaderboards, the sandbox merchant): builds
 * each repository and service once and registers each plugin with what it uses. Kept beside app.ts
 * (it is composition root, not a feature) so app.ts stays a list of features.
 */
export async function registerLiveRooms(app: FastifyInstance, deps: LiveRoomsDeps): Promise<{ readonly gifts: GiftsService; readonly rooms: RoomsService; readonly streams: LiveStreamService }> {
  const { db, now, route } = deps;
  const boards = new LeaderboardsRepository(db);
  const roomsRepository = new RoomsRepository(db);
  // Rooms and streams use each other (a room shows its stream and ends it on close; a publish needs an open room): streams reach rooms through this lookup.
  const roomLookup = { byId: (id: string, trx?: Executor) => rooms.byId(id, trx) };
  const streams = new LiveStreamService({ db, streams: new RoomStreamsRepository(db), rooms: roomLookup, events: deps.events.log, media: deps.media ?? null, now, warn: deps.warn });
  const rooms: RoomsService = new RoomsService({ db, rooms: roomsRepository, events: deps.events.log, popularity: boards, streams, now });
  if (deps.media) {
    // The media server is (re)starting: nobody publishes to it yet, so streams still marked live have ended.
    await streams.resetLive();
    deps.media.onRestarted?.(() => void streams.resetLive().catch((error: unknown) => deps.warn?.(`live: ${error instanceof Error ? error.message : String(error)}`)));
  }
  const catalog = new GiftCatalogRepository(db);
  if (deps.seed) await catalog.upsert(GIFT_CATALOG_SEED);
  const key = merchantKeyFrom(deps.merchantKey ?? process.env.PLATFORM_SANDBOX_MERCHANT_KEY);
  if (key.generated) deps.onGeneratedMerchantKey(key.key);
  const merchant = new SandboxMerchant({ db, now, key: key.key });
  const gifts = new GiftsService({
    db,
    gifts: new GiftsRepository(db),
    catalog,
    rooms,
    ledger: new Ledger(now),
    boards,
    codes: merchant,
    jobs: deps.jobs,
    events: deps.events.log,
    now,
    policy: deps.policy,
    ...(deps.uploads && deps.thanksStorage ? { thanksMedia: new ThanksMedia(deps.uploads, deps.tools ?? null, deps.thanksStorage) } : {}),
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
  });
  deps.jobs.define(AUTO_CONVERT_JOB, (job, trx, at) => gifts.autoConvert(job.key, trx, at));
  deps.jobs.every('rooms.prune-presence', HOUR_MS, (at) => rooms.prunePresence(at));

  await app.register(roomsFeature, { route, rooms, topics: deps.events.topics });
  await app.register(giftsFeature, { route, gifts, media: deps.giftMediaDir ? { catalog, dir: deps.giftMediaDir } : undefined });
  await app.register(leaderboardsFeature, { route, boards, rooms, now });
  await app.register(merchantFeature, { route, merchant });
  await app.register(liveStreamFeature, { route, streams });
  return { gifts, rooms, streams };
}
