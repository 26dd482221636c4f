import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX, coverPath, mediaPath, VideoParams } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { optionalSession, type SessionResolver } from '../../kernel/http/auth';
import { sendRanged } from '../../kernel/http/ranged-file';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { VideoRow, VideosRepository } from './repository';

interface MediaRoutesDeps {
  readonly auth: SessionResolver;
  readonly videos: VideosRepository;
  readonly storage: MediaStorage;
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
  return sendRanged(request, reply, { size: object.size, mimeType, read: (range) => storage.read(key, range) }, 'private');
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
