import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LIVE_HOOK_PATHS, liveStreamRoutes } from '@shared/protocol/live-stream';
import { RoomId } from '@shared/protocol/rooms';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { LiveStreamService, PublishCall } from './service';

export interface LiveStreamOptions {
  readonly route: RouteOptions;
  readonly streams: LiveStreamService;
}

/** A playlist or one of its MPEG-TS fragments, as nginx-rtmp names them (`index.m3u8`, `17.ts`). */
const HLS_FILE = /^(index\.m3u8|[0-9]{1,12}\.ts)$/;

/**
 * Going live: the owner's ingest routes (key, rotate), the media server's publish callbacks, and
 * each open, live room's HLS files through the platform origin at `/live/<roomId>/…`.
 */
export const liveStreamFeature: FastifyPluginAsync<LiveStreamOptions> = async (app, { route, streams }) => {
  addRoute(app, route, liveStreamRoutes.getIngest, ({ params, session, request }) => streams.ingest(params.id, session.user.id, request.hostname));
  addRoute(app, route, liveStreamRoutes.rotateIngest, ({ params, session, request }) => streams.rotate(params.id, session.user.id, request.hostname));
  await app.register(mediaServerHooks, { streams });

  app.get<{ Params: { roomId: string; file: string } }>('/live/:roomId/:file', { schema: { hide: true } }, async (request, reply) => {
    const { roomId, file } = request.params;
    if (!RoomId.safeParse(roomId).success || !HLS_FILE.test(file)) throw new ApiError('not_found', 'No such stream file');
    const folder = await streams.hlsFolderOf(roomId);
    if (!folder) throw new ApiError('not_found', 'This room is not live');
    let body: Buffer;
    try {
      body = await readFile(path.join(folder, file));
    } catch {
      // Not written yet, or already cleaned up by the media server.
      throw new ApiError('not_found', 'No such stream file');
    }
    const playlist = file.endsWith('.m3u8');
    return reply
      .headers({
        'content-type': playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
        // The playlist changes every fragment; a fragment never changes once listed.
        'cache-control': playlist ? 'no-cache, no-store' : 'public, max-age=60, immutable',
        'x-content-type-options': 'nosniff',
      })
      .send(body);
  });
};

/** From this machine only: nginx calls back over loopback; nothing else may claim a publish. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * nginx-rtmp's `on_publish` / `on_publish_done`: form POSTs (`app`, `name` = the stream key, …).
 * Accepted only from loopback with the per-process secret; publish answers 204 (allowed) or 403.
 * Kept in their own scope so the form parser applies to them alone.
 */
const mediaServerHooks: FastifyPluginAsync<{ streams: LiveStreamService }> = async (app: FastifyInstance, { streams }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const callOf = (request: FastifyRequest): PublishCall => {
    const media = streams.media;
    if (!media || !isLoopback(request.socket.remoteAddress) || !secretMatches((request.query as Record<string, unknown>).secret, media.hookSecret)) {
      throw new ApiError('forbidden', 'Not the platform’s media server');
    }
    const form = (request.body ?? {}) as Record<string, unknown>;
    return { app: typeof form.app === 'string' ? form.app : undefined, name: typeof form.name === 'string' ? form.name : undefined };
  };
  app.post(LIVE_HOOK_PATHS.publish, { schema: { hide: true } }, async (request, reply) => {
    const result = await streams.publish(callOf(request));
    return reply.code(result.allowed ? 204 : 403).send();
  });
  app.post(LIVE_HOOK_PATHS.publishDone, { schema: { hide: true } }, async (request, reply) => {
    await streams.publishDone(callOf(request));
    return reply.code(204).send();
  });
};
