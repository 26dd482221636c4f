import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX, coverPath, mediaPath, VideoParams } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { optionalSession, type SessionResolver } from '../../kernel/http/auth';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { VideoRow, VideosRepository } from './repository';

interface MediaRoutesDeps {
  readonly auth: SessionResolver;
  readonly videos: VideosRepository;
  readonly storage: MediaStorage;
}

export type ByteRange = { readonly start: number; readonly end: number } | 'unsatisfiable' | null;

/**
 * Parses a single `bytes=` range (RFC 9110 §14.1.2). Returns null to serve the whole file (no
 * header, another unit, or several ranges, which a server may ignore), 'unsatisfiable' for 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

async function visibleRow(deps: MediaRoutesDeps, request: FastifyRequest): Promise<VideoRow> {
  const { id } = request.params as { id: string };
  const session = await optionalSession(deps.auth, request);
  const record = await deps.videos.visibleById(id, { userId: session?.user.id ?? null });
  if (!record) throw new ApiError('not_found', 'No such video');
  return record.row;
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, storage: MediaStorage, key: string, mimeType: string): Promise<FastifyReply> {
  const object = await storage.stat(key);
  if (!object) {
    request.log.error({ key }, 'media object missing from storage');
    throw new ApiError('not_found', "This video's file is missing on the platform");
  }
  const { size } = object;
  reply.header('accept-ranges', 'bytes').header('content-type', mimeType).header('cache-control', 'private, max-age=3600');
  // The studio's pages are cross-origin isolated (COEP require-corp, for wasm threads): without this
  // header their <video> and <img> elements could not show the platform's media.
  reply.header('cross-origin-resource-policy', 'cross-origin');
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new ApiError('range_not_satisfiable', `The file has ${size} bytes`);
  }
  if (range === null) return reply.header('content-length', size).send(storage.read(key));
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(storage.read(key, range));
}

/** Binary routes: the video file with HTTP range support (players seek with it) and its cover. */
export function mediaRoutes(app: FastifyInstance, deps: MediaRoutesDeps): void {
  app.get(API_PREFIX + mediaPath(':id'), { schema: { params: VideoParams, summary: 'The video file (HTTP range supported)' } }, async (request, reply) => {
    const row = await visibleRow(deps, request);
    return sendFile(request, reply, deps.storage, row.media_file, row.mime_type);
  });

  app.get(API_PREFIX + coverPath(':id'), { schema: { params: VideoParams, summary: 'The cover image (JPEG)' } }, async (request, reply) => {
    const row = await visibleRow(deps, request);
    if (!row.cover_file) throw new ApiError('not_found', 'This video has no cover (ffmpeg was not available when it was posted)');
    return sendFile(request, reply, deps.storage, row.cover_file, 'image/jpeg');
  });
}
