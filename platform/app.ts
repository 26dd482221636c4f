import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import { FileStore } from '@tus/file-store';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DOCS_PATH } from '../shared/protocol/index';
import { Authenticator } from './auth/authenticator';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/password';
import type { PlatformContext } from './context';
import { openPlatformDb } from './db/database';
import { EventsHub } from './events-hub';
import { installErrorHandling } from './http/error-handling';
import { useZodSchemas, zodToOpenApi } from './http/zod-compilers';
import { locateMediaTools, type MediaTools } from './media/tools';
import { AnchorsRepository } from './repositories/anchors-repository';
import { ItemsRepository } from './repositories/items-repository';
import { SessionsRepository } from './repositories/sessions-repository';
import { UsersRepository } from './repositories/users-repository';
import { VideosRepository } from './repositories/videos-repository';
import { anchorsRoutes } from './routes/anchors-routes';
import { authRoutes } from './routes/auth-routes';
import { eventsRoutes } from './routes/events-routes';
import { itemsRoutes } from './routes/items-routes';
import { mediaRoutes } from './routes/media-routes';
import { videosRoutes } from './routes/videos-routes';
import { applySeed, type SeedData } from './seed/seed';
import { uploadRoutes } from './uploads/tus-routes';

export interface PlatformOptions {
  /** Holds platform.sqlite, uploads/ and media/. */
  readonly dataDir: string;
  /** The clock; every stored time comes from it. */
  readonly now?: () => number;
  /** Catalog items and demo accounts to upsert at start; null starts empty. */
  readonly seed?: SeedData | null;
  readonly tokenTtlMs?: number;
  readonly scryptCost?: ScryptCost;
  readonly authRateLimit?: { readonly max: number; readonly timeWindowMs: number };
  /** ffprobe/ffmpeg; located when omitted. */
  readonly mediaTools?: MediaTools | null;
  readonly maxUploadBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The whole platform as one Fastify plugin; `server.ts` (or a test's `inject`) provides the instance. */
export const platformPlugin: FastifyPluginAsync<PlatformOptions> = async (app, options) => {
  const now = options.now ?? (() => Date.now());
  const dirs = { uploads: path.join(options.dataDir, 'uploads'), media: path.join(options.dataDir, 'media') };
  mkdirSync(dirs.uploads, { recursive: true });
  mkdirSync(dirs.media, { recursive: true });
  const db = await openPlatformDb(path.join(options.dataDir, 'platform.sqlite'));
  app.addHook('onClose', () => db.destroy());

  const users = new UsersRepository(db);
  const sessions = new SessionsRepository(db);
  const items = new ItemsRepository(db);
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  const authenticator = new Authenticator(users, sessions, now, options.tokenTtlMs ?? 30 * DAY_MS);
  await sessions.removeExpired(now());
  if (options.seed) await applySeed(options.seed, items, users, now, scryptCost);

  const tools = options.mediaTools === undefined ? locateMediaTools() : options.mediaTools;
  if (!tools) app.log.warn('ffprobe not found: posting videos will fail until FFPROBE_PATH is set');

  const ctx: PlatformContext = {
    db,
    now,
    users,
    sessions,
    items,
    videos: new VideosRepository(db),
    anchors: new AnchorsRepository(db),
    authenticator,
    route: { authenticator, authRateLimit: options.authRateLimit ?? { max: 10, timeWindowMs: 60_000 } },
    events: new EventsHub(),
    uploadStore: new FileStore({ directory: dirs.uploads, expirationPeriodInMilliseconds: 7 * DAY_MS }),
    dirs,
    tools,
    scryptCost,
    maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 * 1024 * 1024,
  };

  // Housekeeping: abandoned tus uploads (older than the store's 7 days) and dead sessions.
  const sweep = setInterval(() => {
    void ctx.uploadStore.deleteExpired().catch((error: unknown) => app.log.warn({ err: error }, 'expired upload sweep failed'));
    void sessions.removeExpired(now()).catch((error: unknown) => app.log.warn({ err: error }, 'expired session sweep failed'));
  }, 60 * 60 * 1000);
  sweep.unref();
  app.addHook('onClose', () => clearInterval(sweep));

  useZodSchemas(app);
  installErrorHandling(app);
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
  await app.register(websocket);

  authRoutes(app, ctx);
  itemsRoutes(app, ctx);
  videosRoutes(app, ctx);
  mediaRoutes(app, ctx);
  anchorsRoutes(app, ctx);
  eventsRoutes(app, ctx);
  await uploadRoutes(app, ctx);
};

/** A Fastify instance with the platform registered; not listening yet. */
export async function buildPlatform(options: PlatformOptions, fastify: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, ...fastify });
  await app.register(platformPlugin, options);
  await app.ready();
  return app;
}
