import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { AnchorInput, CreateVideoRequest, PlatformEvent, User, UserId, Video, VideoId } from '../../../shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import { newId } from '../../kernel/ids';
import { extractCover } from '../../kernel/media/cover';
import { probeVideo } from '../../kernel/media/probe';
import type { MediaTools } from '../../kernel/media/tools';
import type { CatalogLookup } from '../catalog/service';
import type { OwnedUploads } from '../uploads/service';
import { checkAnchors } from './check-anchors';
import type { AnchorRow, VideoRecord, VideosRepository, Viewer } from './repository';

// What the anchors feature may use of videos: the visibility rule and the anchor row mapping.
export { toAnchor, visibleTo, type AnchorRow, type VideoRecord, type Viewer } from './repository';

type Request = z.output<typeof CreateVideoRequest>;
type AnchorIn = z.output<typeof AnchorInput>;

/** One post at a time per account: probing and moving files cannot be undone by a unique index. */
const inFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  inFlight.set(key, next);
  try {
    return await next;
  } finally {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }
}

export interface PostedVideo {
  readonly video: Video;
  /** True when the idempotency key had already made this video. */
  readonly replay: boolean;
}

/** What other features may ask of videos. */
export interface VideoLookup {
  visibleById(id: string, viewer: Viewer): Promise<VideoRecord | null>;
}

export interface VideosServiceDeps {
  readonly videos: VideosRepository;
  readonly catalog: CatalogLookup;
  readonly uploads: OwnedUploads;
  readonly tools: MediaTools | null;
  readonly mediaDir: string;
  readonly events: { publish(event: PlatformEvent): void };
  readonly now: () => number;
}

export class VideosService implements VideoLookup {
  constructor(private readonly deps: VideosServiceDeps) {}

  visibleById(id: string, viewer: Viewer): Promise<VideoRecord | null> {
    return this.deps.videos.visibleById(id, viewer);
  }

  /**
   * Turns a finished upload into a video. Every refusal (unknown or unfinished upload, not a video,
   * anchors out of range) happens before anything is written, so a refused post leaves no video.
   */
  post(owner: User, body: Request): Promise<PostedVideo> {
    return oneAtATime(owner.id, () => this.postNow(owner, body));
  }

  private async postNow(owner: User, body: Request): Promise<PostedVideo> {
    const deps = this.deps;
    const existing = await deps.videos.byIdempotencyKey(owner.id, body.idempotencyKey);
    if (existing) {
      if (existing.row.upload_id !== body.uploadId) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for another upload');
      return { video: existing.video, replay: true };
    }
    if (await deps.videos.byUploadId(body.uploadId)) throw new ApiError('upload_used', 'This upload is already a video');

    const upload = await deps.uploads.readOwned(body.uploadId, owner.id as UserId);
    await checkAnchors(deps.catalog, body.anchors, null);
    if (!deps.tools) throw new ApiError('internal', 'The platform cannot check videos: ffprobe was not found');
    const probed = await probeVideo(deps.tools.ffprobe, upload.file, deps.tools.limits);
    if (!probed.ok) throw new ApiError('not_a_video', `The upload is not a complete, playable video: ${probed.reason}`);
    const { durationMs } = probed.video;
    await checkAnchors(deps.catalog, body.anchors, durationMs);
    const coverTimeMs = body.coverTimeMs ?? Math.min(1000, Math.floor(durationMs / 2));
    if (coverTimeMs > durationMs) throw new ApiError('validation_failed', `coverTimeMs is after the end of the video (${durationMs} ms)`);

    const videoId = newId('vid') as VideoId;
    const dir = path.join(deps.mediaDir, videoId);
    await mkdir(dir, { recursive: true });
    const mediaFile = path.join(videoId, `video.${probed.video.extension}`);
    await rename(upload.file, path.join(deps.mediaDir, mediaFile));
    const coverFile = path.join(videoId, 'cover.jpg');
    const hasCover = deps.tools.ffmpeg !== null && (await extractCover(deps.tools.ffmpeg, path.join(deps.mediaDir, mediaFile), coverTimeMs, path.join(deps.mediaDir, coverFile), deps.tools.limits));

    const anchors: AnchorRow[] = body.anchors.map((a: AnchorIn, position) => ({
      id: newId('anc'),
      video_id: videoId,
      position,
      role: a.role,
      kind: a.kind,
      item_id: a.itemId,
      attribute_id: a.attributeId ?? null,
      label: a.label,
      x: a.x,
      y: a.y,
      start_ms: a.startMs,
      end_ms: Math.min(a.endMs, durationMs),
      placement: a.placement,
      trigger_count: 0,
    }));
    const inserted = await deps.videos.insert(
      {
        id: videoId,
        owner_id: owner.id,
        upload_id: body.uploadId,
        idempotency_key: body.idempotencyKey,
        title: body.title,
        topic: body.topic ?? null,
        visibility: body.visibility,
        duration_ms: durationMs,
        width: probed.video.width,
        height: probed.video.height,
        mime_type: probed.video.mimeType,
        size_bytes: upload.size,
        cover_time_ms: coverTimeMs,
        media_file: mediaFile,
        cover_file: hasCover ? coverFile : null,
        created_at: deps.now(),
      },
      anchors,
    );
    if (!inserted) {
      await rm(dir, { recursive: true, force: true });
      throw new ApiError('upload_used', 'This upload is already a video');
    }
    // The tus record goes only now: until the row exists, a retry can still find the upload.
    await upload.forget();
    const video = await deps.videos.visibleById(videoId, { userId: owner.id });
    if (!video) throw new Error(`video ${videoId} vanished after insert`);
    if (body.visibility === 'public') deps.events.publish({ type: 'video.created', videoId, at: deps.now() });
    return { video: video.video, replay: false };
  }
}
