import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LIVE_HOOK_PATHS, liveStreamRoutes } from '@shared/protocol/live-stream';
import { RoomId } from '@shared/protocol/rooms';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import { blockingDecision, lastSequence, PlaylistWaiter, targetDuration, withBlockingReload } from './blocking-playlist';
import type { LiveStreamService, PublishCall } from './service';

export interface LiveStreamOptions {
  readonly route: RouteOptions;
  readonly streams: LiveStreamService;
}

/** A playlist or one of its MPEG-TS fragments, as nginx-rtmp names them (`index.m3u8`, `17.ts`). */
const HLS_FILE = /^(index\.m3u8|[0-9]{1,12}\.ts)$/;
/** LL-HLS's `_HLS_msn` delivery directive: a fragment's media sequence number. */
const MSN = /^[0-9]{1,12}$/;
/** A held playlist request is answered after this many target durations at most (the LL-HLS spec's bound). */
const HOLD_TARGET_DURATIONS = 3;

/**
 * Going live: the owner's ingest routes (key, rotate), the media server's publish callbacks, and
 * each open, live room's HLS files through the platform origin at `/live/<roomId>/…`.
 */
export const liveStreamFeature: FastifyPluginAsync<LiveStreamOptions> = async (app, { route, streams }) => {
  addRoute(app, route, liveStreamRoutes.getIngest, ({ params, session, request }) => streams.ingest(params.id, session.user.id, request.hostname));
  addRoute(app, route, liveStreamRoutes.rotateIngest, ({ params, session, request }) => streams.rotate(params.id, session.user.id, request.hostname));
  await app.register(mediaServerHooks, { streams });
  const waiter = new PlaylistWaiter();

  app.get<{ Params: { roomId: string; file: string }; Querystring: { _HLS_msn?: string } }>('/live/:roomId/:file', { schema: { hide: true } }, async (request, reply) => {
    const { roomId, file } = request.params;
    const directive = request.query._HLS_msn;
    if (!RoomId.safeParse(roomId).success || !HLS_FILE.test(file)) throw new ApiError('not_found', 'No such stream file');
    if (directive !== undefined && !MSN.test(directive)) throw new ApiError('validation_failed', '_HLS_msn must be a fragment number');
    const folder = await streams.hlsFolderOf(roomId);
    if (!folder) throw new ApiError('not_found', 'This room is not live');
    const playlist = file.endsWith('.m3u8');
    let body: Buffer | string;
    try {
      body = await readFile(path.join(folder, file), playlist ? 'utf8' : undefined);
    } catch {
      // Not written yet, or already cleaned up by the media server.
      throw new ApiError('not_found', 'No such stream file');
    }
    if (typeof body === 'string') {
      const msn = directive === undefined ? undefined : Number(directive);
      const decision = blockingDecision(lastSequence(body), msn);
      if (decision === 'too-far') throw new ApiError('validation_failed', '_HLS_msn is more than two fragments ahead of the playlist');
      if (decision === 'wait') {
        const held = await waiter.wait(path.join(folder, file), msn!, HOLD_TARGET_DURATIONS * targetDuration(body) * 1000);
        if (held === null) throw new ApiError('not_found', 'No such stream file');
        body = held;
      }
      body = withBlockingReload(body);
    }
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
