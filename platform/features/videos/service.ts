import { randomUUID } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { AnchorInput, CreateVideoRequest, User, UserId, Video, VideoId } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import type { TransactionRunner } from '../../kernel/db/transaction';
import type { PublicEvents } from '../../kernel/events/event-system';
import { ApiError } from '../../kernel/http/api-error';
import { newId } from '../../kernel/ids';
import { extractCover } from '../../kernel/media/cover';
import type { MediaTools } from '../../kernel/media/tools';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { CatalogLookup } from '../catalog/service';
import type { OwnedUploads } from '../uploads/service';
import { checkAnchors, storedRange } from './check-anchors';
import type { FeedChanges } from './feed-changes';
import { imageCover, probeMedia } from './probe-media';
import type { AnchorRow, VideoRecord, VideoRow, VideosRepository, Viewer } from './repository';

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
  /** In the transaction that counted a trigger on one of the video's anchors: its feed pages change. */
  triggerCounted(trx: Executor, videoId: string, isPublic: boolean): Promise<void>;
}

export interface VideosServiceDeps {
  readonly videos: VideosRepository;
  readonly catalog: CatalogLookup;
  readonly uploads: OwnedUploads;
  readonly tools: MediaTools | null;
  readonly storage: MediaStorage;
  readonly events: PublicEvents;
  /** Empties the signed-in feed caches on every node when a post or a trigger changes a page. */
  readonly feed: FeedChanges;
  readonly transaction: TransactionRunner;
  readonly now: () => number;
  /** Tests only: called at each step of a post, may throw to simulate a crash or a full disk there. */
  readonly faults?: (step: PostStep) => void | Promise<void>;
}

export class VideosService implements VideoLookup {
  constructor(private readonly deps: VideosServiceDeps) {}

  visibleById(id: string, viewer: Viewer): Promise<VideoRecord | null> {
    return this.deps.videos.visibleById(id, viewer);
  }

  triggerCounted(trx: Executor, videoId: string, isPublic: boolean): Promise<void> {
    return this.deps.feed.changed(trx, { videoId, isPublic });
  }

  /** Calls `listener` right after this node commits a change to a feed page. Returns the unsubscribe. */
  onFeedChanged(listener: () => void): () => void {
    return this.deps.feed.onChanged(listener);
  }

  /**
   * Start-up recovery: finishes every post whose row was written but whose media move, cover or
   * upload clean-up did not happen (the process died in between), and removes media folders
   * that have no video (left by the pre-recovery order, which moved files before inserting).
   * Returns how many posts it finished and folders it removed.
   */
  async recover(): Promise<{ finished: number; orphans: number }> {
    let finished = 0;
    for (const uploadId of await this.deps.uploads.recordIds()) {
      const row = await this.deps.videos.byUploadId(uploadId);
      if (!row) continue;
      await this.finishMedia(row);
      finished++;
    }
    let orphans = 0;
    for (const prefix of await this.deps.storage.prefixes()) {
      if (await this.deps.videos.exists(prefix)) continue;
      await this.deps.storage.removeAll(prefix);
      orphans++;
    }
    return { finished, orphans };
  }

  /**
   * Turns a finished upload into a video. Every refusal (unknown or unfinished upload, not a video,
   * anchors out of range) happens before anything is written, so a refused post leaves no video.
   * Then the row goes in first and the files follow (`finishMedia`): every later step can be
   * redone from the row and the upload's tus record, by a retry of the same request or by
   * `recover()` at the next start, so a crash anywhere leaves neither a half video nor an orphan.
   */
  post(owner: User, body: Request): Promise<PostedVideo> {
    return oneAtATime(owner.id, () => this.postNow(owner, body));
  }

  private async postNow(owner: User, body: Request): Promise<PostedVideo> {
    const deps = this.deps;
    const existing = await deps.videos.byIdempotencyKey(owner.id, body.idempotencyKey);
    if (existing) {
      if (existing.row.upload_id !== body.uploadId) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for another upload');
      await this.finishMedia(existing.row);
      return { video: existing.video, replay: true };
    }
    if (await deps.videos.byUploadId(body.uploadId)) throw new ApiError('upload_used', 'This upload is already a video');

    const upload = await deps.uploads.readOwned(body.uploadId, owner.id as UserId);
    await checkAnchors(deps.catalog, body.anchors, null);
    if (!deps.tools) throw new ApiError('internal', 'The platform cannot check videos: ffprobe was not found');
    // A JPEG, PNG or WebP upload becomes an image post; anything else must be a playable video.
    const media = await probeMedia(deps.tools, upload.file, upload.size);
    const { durationMs } = media;
    await checkAnchors(deps.catalog, body.anchors, media);
    const coverTimeMs = media.kind === 'image' ? 0 : (body.coverTimeMs ?? Math.min(1000, Math.floor(durationMs / 2)));
    if (coverTimeMs > durationMs) throw new ApiError('validation_failed', `coverTimeMs is after the end of the video (${durationMs} ms)`);

    const videoId = newId('vid') as VideoId;
    const mediaFile = `${videoId}/${media.kind}.${media.extension}`;
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
      ...storedRange(a, media),
      placement: a.placement,
      extra_item_ids: JSON.stringify(a.extraItemIds ?? []),
      trigger_count: 0,
    }));
    // The row, its anchors and the public "video.created" event commit together; the files follow
    // (and a restart's recovery finishes them when a crash comes in between).
    const inserted = await deps.transaction(async (trx) => {
      const fresh = await deps.videos.insert(
        {
          id: videoId,
          owner_id: owner.id,
          upload_id: body.uploadId,
          idempotency_key: body.idempotencyKey,
          title: body.title,
          topic: body.topic ?? null,
          visibility: body.visibility,
          media_kind: media.kind,
          location: body.location ?? null,
          duration_ms: durationMs,
          width: media.width,
          height: media.height,
          mime_type: media.mimeType,
          size_bytes: upload.size,
          cover_time_ms: coverTimeMs,
          media_file: mediaFile,
          cover_file: null,
          created_at: deps.now(),
        },
        anchors,
        trx,
      );
      if (fresh && body.visibility === 'public') await deps.events.publish(trx, { type: 'video.created', videoId, at: deps.now() });
      if (fresh) await deps.feed.changed(trx, { videoId, isPublic: body.visibility === 'public' });
      return fresh;
    });
    if (!inserted) throw new ApiError('upload_used', 'This upload is already a video');
    await this.fault('inserted');
    await this.finishMedia(await this.rowOf(videoId));
    const video = await deps.videos.visibleById(videoId, { userId: owner.id });
    if (!video) throw new Error(`video ${videoId} vanished after insert`);
    return { video: video.video, replay: false };
  }

  /**
   * The file steps of a post, each skipped when already done: move the upload into storage (<id>/),
   * grab the cover, and only then drop the tus record (the marker that work is left). Two of them
   * can run at once on one post: a node starting up (`recover`) beside the node still posting it,
   * on shared storage. Each step's result is the same whoever does it, so neither fails for the other.
   */
  private async finishMedia(row: VideoRow): Promise<void> {
    const deps = this.deps;
    if (!(await deps.uploads.hasRecord(row.upload_id))) return;
    const source = deps.uploads.fileOf(row.upload_id);
    if (!(await deps.storage.stat(row.media_file)) && (await exists(source))) await this.putUnlessDone(row.media_file, source);
    await this.fault('moved');
    const tools = deps.tools;
    const ffmpeg = tools?.ffmpeg;
    if (row.cover_file === null && tools && ffmpeg && (await deps.storage.stat(row.media_file))) {
      const coverFile = `${row.id}/cover.jpg`;
      // Grabbed to a local file beside the upload (its own name: another node may be grabbing the
      // same cover), then handed to storage like the video.
      const coverTemp = `${source}.cover-${randomUUID()}.jpg`;
      const grabbed = await deps.storage.withLocalFile(row.media_file, (file) =>
        row.media_kind === 'image' ? imageCover(ffmpeg, file, coverTemp, tools.limits) : extractCover(ffmpeg, file, row.cover_time_ms, coverTemp, tools.limits),
      );
      try {
        if (grabbed) {
          await deps.storage.put(coverFile, coverTemp);
          await deps.videos.setCover(row.id, coverFile);
        }
      } finally {
        await rm(coverTemp, { force: true });
      }
    }
    await this.fault('covered');
    await deps.uploads.forget(row.upload_id);
  }

  /** Moves `localFile` to `key`; when it is gone because another node moved it there first, that is done too. */
  private async putUnlessDone(key: string, localFile: string): Promise<void> {
    try {
      await this.deps.storage.put(key, localFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await this.deps.storage.stat(key))) return;
      throw error;
    }
  }

  private async rowOf(id: string): Promise<VideoRow> {
    const row = await this.deps.videos.rowById(id);
    if (!row) throw new Error(`video ${id} vanished after insert`);
    return row;
  }

  private async fault(point: PostStep): Promise<void> {
    await this.deps.faults?.(point);
  }
}

/** Points inside a post where a test may inject a failure (a crash, a full disk). */
export type PostStep = 'inserted' | 'moved' | 'covered';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
