import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EVENTS_MAX_FRAME_BYTES } from '@shared/protocol/events';
import { DOCS_PATH } from '@shared/protocol/index';
import { Authenticator } from './features/accounts/authenticator';
import { DEFAULT_BACKOFF, LoginBackoff, type BackoffPolicy } from './features/accounts/login-backoff';
import { DEFAULT_SCRYPT_COST, DEMO_SEED_COST, HashQueue, type ScryptCost } from './features/accounts/password';
import { accountsFeature } from './features/accounts/routes';
import { SessionCache } from './features/accounts/session-cache';
import { SessionChanges } from './features/accounts/session-changes';
import { SessionsRepository } from './features/accounts/sessions-repository';
import { UsersRepository } from './features/accounts/users-repository';
import { anchorsMigrations } from './features/anchors/migrations/index';
import { AnchorsRepository } from './features/anchors/repository';
import { anchorsFeature } from './features/anchors/routes';
import { CatalogRepository } from './features/catalog/repository';
import { composeOrders } from './features/orders/compose';
import { ordersMigrations } from './features/orders/migrations/index';
import { ordersFeature } from './features/orders/routes';
import { messagesMigrations } from './features/messages/migrations/index';
import { messagesFeature } from './features/messages/routes';
import { MessagesService } from './features/messages/service';
import { notificationsMigrations } from './features/notifications/migrations/index';
import { notificationsFeature } from './features/notifications/routes';
import { NotificationsService } from './features/notifications/service';
import { catalogFeature } from './features/catalog/routes';
import { uploadsFeature } from './features/uploads/routes';
import { DEFAULT_UPLOAD_LIMITS, UploadsService, type UploadLimits } from './features/uploads/service';
import { videosMigrations } from './features/videos/migrations/index';
import { VideosRepository } from './features/videos/repository';
import { videosFeature } from './features/videos/routes';
import { FeedChanges } from './features/videos/feed-changes';
import { VideosService, type PostStep } from './features/videos/service';
import { Ledger } from './features/wallet/ledger';
import { walletMigrations } from './features/wallet/migrations/index';
import { SandboxPaymentProvider, type PaymentProvider } from './features/wallet/payment-provider';
import { walletFeature } from './features/wallet/routes';
import { WalletService } from './features/wallet/service';
import { webAppFeature } from './features/web-app/routes';
import { databaseTarget, openDatabase } from './kernel/db/database';
import { liveRoomsMigrations, registerLiveRooms } from './live-rooms';
import type { LiveMediaServer } from './features/live-stream/media-server';
import type { GiftPolicy } from './features/gifts/service';
import { transaction, type TransactionRunner } from './kernel/db/transaction';
import type { OrderWindows } from '@shared/domain/orders/lifecycle';
import { startEventSystem } from './kernel/events/event-system';
import { eventLogMigrations } from './kernel/events/migrations/0110-event-log';
import { eventsSocket, type EventsSocketLimits } from './kernel/events/socket-route';
import { installErrorHandling } from './kernel/http/error-handling';
import { installHostCheck } from './kernel/http/host-check';
import { installRequestLogging, quietRequests } from './kernel/http/logging';
import { Scheduler } from './kernel/jobs/scheduler';
import type { RouteOptions } from './kernel/http/route';
import { useZodSchemas, zodToOpenApi } from './kernel/http/zod-compilers';
import { locateMediaTools, type MediaTools } from './kernel/media/tools';
import { LocalDiskStorage } from './kernel/storage/media-storage';
import { applySeed, type SeedData } from './seed/seed';

export interface PlatformOptions {
  /** Holds uploads/, media/ and (without databaseUrl) platform.sqlite. */
  readonly dataDir: string;
  /** `postgres://…` to keep rows in PostgreSQL; absent → the embedded SQLite file in dataDir. */
  readonly databaseUrl?: string;
  /** The clock; every stored time comes from it. */
  readonly now?: () => number;
  /** Catalog items and demo accounts to upsert at start; null starts empty. */
  readonly seed?: SeedData | null;
  readonly tokenTtlMs?: number;
  readonly scryptCost?: ScryptCost;
  readonly authRateLimit?: { readonly max: number; readonly timeWindowMs: number };
  /** Per-account slow-down after wrong passwords (default: 5 free, then 1 s doubling to 15 min). */
  readonly loginBackoff?: Partial<BackoffPolicy>;
  /** Host names (or name:port) served besides loopback and the address a request arrived at; any other Host → 421 (DNS rebinding). */
  readonly allowedHosts?: readonly string[];
  /** ffprobe/ffmpeg; located when omitted. */
  readonly mediaTools?: MediaTools | null;
  readonly maxUploadBytes?: number;
  /** Per-account cap on open uploads and their declared bytes (default 10 and 16 GiB). */
  readonly uploadLimits?: Partial<UploadLimits>;
  /** Who charges for coins; the sandbox provider (always pays) when omitted. */
  readonly payments?: PaymentProvider;
  /** `redis://…`: wake the other nodes through Redis pub/sub when events are written; absent → one node. */
  readonly redisUrl?: string;
  /** How long the event log keeps events for resuming clients (default 7 days). */
  readonly eventRetentionMs?: number;
  readonly eventLimits?: Partial<EventsSocketLimits>;
  /** Custom video orders: accept and deliver windows (default 48 h / 168 h) and the platform's cut on delivery (default 2,500 bps). */
  readonly orderWindows?: OrderWindows;
  readonly orderCutBps?: number;
  /** Hands over the job scheduler, for tests that move the clock and then run what fell due. */
  readonly exposeJobs?: (jobs: Scheduler) => void;
  /** The sandbox merchant's key (`PLATFORM_SANDBOX_MERCHANT_KEY`); absent → generated and printed on stderr at start. */
  readonly sandboxMerchantKey?: string;
  /** Gift rules: auto-convert limit, platform cut, free gifts per day, send rate. */
  readonly gifts?: Partial<GiftPolicy>;
  /** The built viewer web app (out/viewer), served at `/`; absent → the platform serves only its API. */
  readonly webAppDir?: string;
  /** The RTMP/HLS media server for live video (nginx, see features/live-stream); absent → live video off. */
  readonly liveMedia?: LiveMediaServer | null;
  /** The gift pictures, animations and sounds the catalog names (resources/gifts); absent → `/gift-media` is not served. */
  readonly giftMediaDir?: string;
  /** Tests only: called at each step of a post; throwing simulates a crash or a full disk there. */
  readonly postFaults?: (step: PostStep) => void | Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Every feature's migrations, in the platform's one numbered sequence: whoever opens the database passes these (server.ts's check-ledger too). */
export const featureMigrations = {
  ...walletMigrations,
  ...eventLogMigrations,
  ...anchorsMigrations,
  ...videosMigrations,
  ...liveRoomsMigrations,
  ...messagesMigrations,
  ...notificationsMigrations,
  ...ordersMigrations,
};

/**
 * The whole platform as one Fastify plugin; `server.ts` (or a test's `inject`) provides the instance.
 * The composition root: the kernel (database, HTTP conventions) is set up here, each feature's
 * repositories and services are built once, and each feature plugin is handed exactly what it uses.
 */
export const platformPlugin: FastifyPluginAsync<PlatformOptions> = async (app, options) => {
  const now = options.now ?? (() => Date.now());
  const dirs = { uploads: path.join(options.dataDir, 'uploads'), media: path.join(options.dataDir, 'media') };
  mkdirSync(dirs.uploads, { recursive: true });
  mkdirSync(dirs.media, { recursive: true });
  const db = await openDatabase(databaseTarget(options.databaseUrl, options.dataDir), featureMigrations);
  app.addHook('onClose', () => db.destroy());

  const users = new UsersRepository(db);
  const sessions = new SessionsRepository(db);
  const catalog = new CatalogRepository(db);
  const videos = new VideosRepository(db);
  const anchors = new AnchorsRepository(db);
  const uploads = new UploadsService(dirs.uploads, 7 * DAY_MS);
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  const eventSystem = await startEventSystem({ db, now, redisUrl: options.redisUrl, retentionMs: options.eventRetentionMs, onError: (error) => app.log.warn({ err: error }, 'event log') });
  app.addHook('onClose', () => eventSystem.close());
  // Sessions resolved recently, forgotten on every node when one signs out (session-changes.ts).
  const sessionCache = new SessionCache();
  const sessionChanges = new SessionChanges(eventSystem.log, sessionCache);
  const unfollowSessions = await sessionChanges.follow(eventSystem.hub);
  app.addHook('onClose', () => unfollowSessions());
  const authenticator = new Authenticator({ sessions, cache: sessionCache, changes: sessionChanges, transaction: (work) => transaction(db, work), now, ttlMs: options.tokenTtlMs ?? 30 * DAY_MS });
  const events = eventSystem.publicEvents;
  const wallet = new WalletService({ db, ledger: new Ledger(now), payments: options.payments ?? new SandboxPaymentProvider(), transaction: (work) => transaction(db, work) });
  if (options.seed) await applySeed(options.seed, catalog, users, now, options.scryptCost ?? DEMO_SEED_COST);

  const tools = options.mediaTools === undefined ? locateMediaTools(process.env, { onRefused: (reason) => app.log.warn(reason) }) : options.mediaTools;
  if (!tools) app.log.warn('ffprobe not found: posting videos will fail until FFPROBE_PATH is set');
  const storage = new LocalDiskStorage(dirs.media);
  const inTransaction: TransactionRunner = (work) => transaction(db, work);
  // Messages and notifications: other features post system messages and notify inside their own transaction.
  const messages = new MessagesService({ db, events: eventSystem.log, now, transaction: inTransaction });
  const notifications = new NotificationsService({ db, events: eventSystem.log, now, transaction: inTransaction });
  const videosService = new VideosService({ videos, catalog, uploads, tools, storage, events, feed: new FeedChanges(eventSystem.log), transaction: inTransaction, now, faults: options.postFaults });
  // Posts that a crash cut short (row written, files not yet moved) are finished before serving.
  const recovered = await videosService.recover();
  if (recovered.finished + recovered.orphans > 0) app.log.warn(recovered, 'finished interrupted posts');

  // Deadline and periodic work, shared out between nodes through the jobs table. Housekeeping:
  // dead sessions and abandoned uploads (older than 7 days), first at start, then hourly.
  const jobs = new Scheduler({ db, now, onError: (kind, error) => app.log.warn({ err: error, job: kind }, 'job failed') });
  jobs.every('sessions.expire', HOUR_MS, (at) => sessions.removeExpired(at));
  jobs.every('uploads.expire', HOUR_MS, (at) => uploads.deleteExpired(at));
  jobs.every('anchors.prune-trigger-marks', HOUR_MS, (at) => anchors.pruneMarks(Math.floor(at / HOUR_MS)));
  const orders = composeOrders({
    db,
    users,
    uploads,
    ledger: new Ledger(now),
    jobs,
    log: eventSystem.log,
    topics: eventSystem.topics,
    dataDir: options.dataDir,
    now,
    windows: options.orderWindows,
    cutBps: options.orderCutBps,
    messages,
    notifier: notifications,
    tools,
  });
  options.exposeJobs?.(jobs);
  app.addHook('onReady', () => jobs.start());
  app.addHook('onClose', () => jobs.stop());

  useZodSchemas(app);
  installErrorHandling(app);
  installHostCheck(app, options.allowedHosts ?? []);
  installRequestLogging(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'rate_limited', message: `Too many attempts; try again in ${context.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anchor Studio platform', version: '1', description: 'The reference platform the studio posts to.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: zodToOpenApi,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  await app.register(websocket, { options: { maxPayload: EVENTS_MAX_FRAME_BYTES } });

  const route: RouteOptions = { auth: authenticator, authRateLimit: options.authRateLimit ?? { max: 10, timeWindowMs: 60_000 } };
  // A feature registers here: its plugin from features/<name>/routes.ts with exactly the
  // repositories and services it uses (no shared context object), e.g.
  //   await app.register(walletFeature, { route, wallet: walletService });
  await app.register(accountsFeature, { route, users, authenticator, scryptCost, hashes: new HashQueue(), backoff: new LoginBackoff(now, { ...DEFAULT_BACKOFF, ...options.loginBackoff }), now });
  await app.register(catalogFeature, { route, catalog });
  await app.register(videosFeature, { route, auth: authenticator, videos, service: videosService, storage, hub: eventSystem.hub });
  await app.register(anchorsFeature, { route, anchors, catalog, videos: videosService, events, transaction: inTransaction, now });
  await app.register(uploadsFeature, {
    auth: authenticator,
    uploads,
    maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 * 1024 * 1024,
    limits: { ...DEFAULT_UPLOAD_LIMITS, ...options.uploadLimits },
    now,
  });
  await app.register(walletFeature, { route, wallet });
  await app.register(ordersFeature, { route, auth: authenticator, ...orders });
  await app.register(messagesFeature, { route, messages });
  await app.register(notificationsFeature, { route, notifications });
  await registerLiveRooms(app, {
    db,
    now,
    route,
    events: eventSystem,
    jobs,
    seed: Boolean(options.seed),
    merchantKey: options.sandboxMerchantKey,
    onGeneratedMerchantKey: (key) => process.stderr.write(`sandbox merchant key (set PLATFORM_SANDBOX_MERCHANT_KEY to keep one): ${key}\n`),
    policy: options.gifts,
    uploads,
    tools,
    notifier: notifications,
    media: options.liveMedia ?? null,
    giftMediaDir: options.giftMediaDir,
    thanksStorage: new LocalDiskStorage(path.join(options.dataDir, 'thanks-media')),
    warn: (message) => app.log.warn(message),
  });
  await app.register(eventsSocket, { hub: eventSystem.hub, log: eventSystem.log, auth: authenticator, topics: eventSystem.topics, limits: options.eventLimits });
  if (options.webAppDir) await app.register(webAppFeature, { dir: options.webAppDir });
};

/** A Fastify instance with the platform registered; not listening yet. */
export async function buildPlatform(options: PlatformOptions, fastify: FastifyServerOptions = {}): Promise<FastifyInstance> {
  // Registering runs the migrations and the seed: on a busy machine or a large database that takes longer than Fastify's 10 s default, and a slow start is not a failed one.
  const app = Fastify({ logger: false, logController: quietRequests(), pluginTimeout: 120_000, ...fastify });
  await app.register(platformPlugin, options);
  await app.ready();
  return app;
}
