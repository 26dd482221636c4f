import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import type { ExportJobId } from '@shared/domain/ids';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { RecordingEvent, TakeId } from '@shared/ipc/media-schemas';
import { StudioFailure } from '@shared/ipc/result';
import type { DraftsService } from '../drafts/drafts-service';
import { newId } from '../ids';
import type { Logger } from '../logger';
import type { MediaService } from '../media/media-service';
import { discardPrepared, readPrepared, type BackgroundEncoder, type EncodeOutcome } from '../recording/background-encoder';
import { containerFor, type CaptureContainer } from '../recording/capture-files';
import type { PreparedInput } from '../media/prepared-export';
import type { FinishedTake, RecordingService } from '../recording/recording-service';
import { RecordingWriteError } from '../recording/write-failure';
import { writeStillSource } from './export-source';

export type TakesServiceDeps = Readonly<{
  drafts: DraftsService;
  recordings: RecordingService;
  media: MediaService;
  /** Starts the export of a draft (DraftExports.start). */
  exportDraft: (draftId: DraftId) => ExportJobId;
  logger: Logger;
  now: () => number;
  /**
   * Starts the encode while recording for a new take, or answers null when this take is encoded
   * after Stop (Settings → Encode, see live-encoding.ts). Left out: always after Stop.
   */
  liveEncode?: (take: Readonly<{ dir: string; container: CaptureContainer; mirrored: boolean }>) => Promise<BackgroundEncoder | null>;
}>;

const baseType = (mimeType: string): string => mimeType.split(';')[0]!.trim().toLowerCase();

/**
 * Takes as drafts: a take gets its video draft (status `recording`) before the first byte, its
 * chunks and journal go to the recording service, and finishing or recovering it turns the draft
 * into a playable one (`ready` / `recovered`) or a failed one with the reason.
 */
export class TakesService {
  private readonly takes = new Map<TakeId, DraftId>();
  private readonly live = new Map<TakeId, BackgroundEncoder>();
  /** Encodes made while recording, finishing or finished, by draft (until the studio closes; then the note on disk). */
  private readonly prepared = new Map<DraftId, Promise<EncodeOutcome>>();
  private readonly log: Logger;

  constructor(private readonly deps: TakesServiceDeps) {
    this.log = deps.logger.child('takes');
  }

  /** The take key the recording service knows (its `onFailed` reports it back). */
  static keyOf(takeId: TakeId): string {
    return takeId;
  }

  async start(
    input: Readonly<{ mimeType: string; itemId: string | null; attributeId: string | null; filter?: string | null; mirrored?: boolean; look?: readonly LookLayerIds[] | undefined }>,
  ): Promise<{ takeId: TakeId; draftId: DraftId }> {
    const container = containerFor(input.mimeType);
    if (!container) throw new StudioFailure('unsupported_media', { key: 'takes.unsupportedType', params: { mimeType: input.mimeType } });
    const now = this.deps.now();
    const takeId = newId('tak', now) as TakeId;
    const draft = this.deps.drafts.createVideo({
      title: takeTitle(now),
      mediaFile: `capture.${container}`,
      mimeType: baseType(input.mimeType),
      itemId: input.itemId,
      attributeId: input.attributeId,
      status: 'recording',
    });
    try {
      await this.deps.recordings.start(takeId, {
        dir: this.deps.drafts.folderOf(draft.id),
        mimeType: input.mimeType,
        itemId: input.itemId,
        attributeId: input.attributeId,
        filter: input.filter ?? null,
        mirrored: input.mirrored ?? false,
        look: input.look,
      });
    } catch (error) {
      this.deps.drafts.remove(draft.id);
      if (error instanceof StudioFailure) throw error;
      throw new StudioFailure('io_error', error instanceof RecordingWriteError ? error.text : error instanceof Error ? error.message : String(error));
    }
    this.takes.set(takeId, draft.id);
    await this.startLive(takeId, draft.id, container, input.mirrored ?? false);
    return { takeId, draftId: draft.id };
  }

  /** The encode while recording, when Settings choose it; a failure to start only means the export encodes after Stop. */
  private async startLive(takeId: TakeId, draftId: DraftId, container: CaptureContainer, mirrored: boolean): Promise<void> {
    if (!this.deps.liveEncode) return;
    try {
      const encoder = await this.deps.liveEncode({ dir: this.deps.drafts.folderOf(draftId), container, mirrored });
      if (!encoder) return;
      this.live.set(takeId, encoder);
      this.deps.recordings.session(TakesService.keyOf(takeId))?.onAppended((chunk) => encoder.push(chunk));
    } catch (error) {
      this.log.warn('encode while recording not started', { draftId, error });
    }
  }

  /**
   * The MP4 this draft's take was encoded to while it was recorded, once complete (waiting for the
   * finish still under way); null when there is none and the export must encode.
   */
  async preparedFor(draftId: DraftId): Promise<PreparedInput | null> {
    const running = this.prepared.get(draftId);
    if (running) {
      this.prepared.delete(draftId);
      const outcome = await running;
      return outcome.ok ? outcome.prepared : null;
    }
    return readPrepared(this.deps.drafts.folderOf(draftId));
  }

  async chunk(takeId: TakeId, seq: number, bytes: Uint8Array): Promise<number> {
    try {
      return await this.session(takeId).append(bytes, seq);
    } catch (error) {
      if (error instanceof RecordingWriteError) throw new StudioFailure('io_error', error.text);
      if (error instanceof StudioFailure) throw error;
      throw new StudioFailure('conflict', error instanceof Error ? error.message : String(error));
    }
  }

  async event(takeId: TakeId, event: RecordingEvent): Promise<void> {
    try {
      await this.session(takeId).event(event);
    } catch (error) {
      if (error instanceof RecordingWriteError) throw new StudioFailure('io_error', error.text);
      if (error instanceof StudioFailure) throw error;
      throw new StudioFailure('conflict', error instanceof Error ? error.message : String(error));
    }
  }

  async finish(takeId: TakeId, mediaMs: number): Promise<Draft> {
    const draftId = this.draftOf(takeId);
    this.takes.delete(takeId);
    // The encode's finish (flush, moov to the front) runs beside the take's own remux; the export waits for it.
    const encoder = this.live.get(takeId);
    this.live.delete(takeId);
    if (encoder) this.prepared.set(draftId, encoder.finish());
    const take = await this.deps.recordings.finish(TakesService.keyOf(takeId), mediaMs);
    if (encoder && take.outcome !== 'ready') encoder.giveUp(`the take ended ${take.outcome}`);
    return this.land(draftId, take);
  }

  /** Drops the take: its session is closed and the draft deleted with its files. */
  async abort(takeId: TakeId): Promise<void> {
    const draftId = this.draftOf(takeId);
    this.takes.delete(takeId);
    this.live.get(takeId)?.giveUp('the take was dropped');
    this.live.delete(takeId);
    // finish closes the files (a session cannot be dropped while a write is in flight); its result is discarded.
    await this.deps.recordings.finish(TakesService.keyOf(takeId), 0).catch(() => undefined);
    if (this.deps.drafts.find(draftId)) this.deps.drafts.remove(draftId);
  }

  /** A look on a still photo: the composited frame becomes a draft and its photo video is exported now. */
  async still(
    input: Readonly<{ bytes: Uint8Array; mimeType: 'image/png' | 'image/jpeg'; seconds: number; itemId: string | null; attributeId: string | null; look?: readonly LookLayerIds[] | undefined }>,
  ): Promise<{ draft: Draft; jobId: ExportJobId }> {
    const now = this.deps.now();
    const file = input.mimeType === 'image/png' ? 'still.png' : 'still.jpg';
    const created = this.deps.drafts.createVideo({
      title: takeTitle(now, 'Photo video'),
      mediaFile: file,
      mimeType: input.mimeType,
      itemId: input.itemId,
      attributeId: input.attributeId,
      look: input.look,
      status: 'exporting',
      statusDetail: { key: 'draftStatus.waiting' },
    });
    const dir = this.deps.drafts.folderOf(created.id);
    try {
      await writeFile(path.join(dir, file), input.bytes);
      await writeStillSource(dir, { file, seconds: input.seconds });
      const info = await this.deps.media.probe(path.join(dir, file));
      this.deps.drafts.setMedia(
        created.id,
        { mediaFile: file, thumbnailFile: file, mimeType: input.mimeType, sizeBytes: input.bytes.byteLength, width: info.width || null, height: info.height || null, durationMs: input.seconds * 1000 },
        'exporting',
        'waiting',
      );
    } catch (error) {
      this.deps.drafts.remove(created.id);
      throw new StudioFailure('unsupported_media', { key: 'takes.stillNotSaved', params: { reason: error instanceof Error ? error.message : String(error) } });
    }
    const jobId = this.deps.exportDraft(created.id);
    return { draft: this.deps.drafts.get(created.id), jobId };
  }

  /**
   * At start: every take a crash left open is repaired and its draft marked recovered. Call it before
   * any take can start; the repair itself waits for `toolsReady` (ffmpeg being located).
   */
  async recoverAtStart(draftsRoot: string, toolsReady: Promise<unknown> = Promise.resolve()): Promise<number> {
    // Taken before the first await: drafts of takes started after this point (while ffmpeg is still
    // being located, say) are not leftovers.
    const leftovers = this.deps.drafts.withStatus('recording').map((d) => d.id);
    await toolsReady;
    const takes = await this.deps.recordings.recoverAll(draftsRoot);
    let landed = 0;
    for (const take of takes) {
      const draftId = path.basename(take.dir) as DraftId;
      // An encode cut short with the studio is incomplete: the recovered take is exported after Stop.
      await discardPrepared(take.dir);
      if (!this.deps.drafts.find(draftId)) {
        // The row went with a database that was moved aside: the files stay where they are.
        this.log.warn('recovered take without a draft row', { dir: take.dir });
        continue;
      }
      await this.land(draftId, take);
      landed++;
    }
    // A take whose draft says "recording" but has nothing left to repair ended before its first chunk.
    for (const id of leftovers) {
      if (this.deps.drafts.find(id)?.status === 'recording') this.deps.drafts.setStatus(id, 'failed', { key: 'draftStatus.takeEndedEarly' });
    }
    return landed;
  }

  private async land(draftId: DraftId, take: FinishedTake): Promise<Draft> {
    switch (take.outcome) {
      case 'ready':
      case 'recovered': {
        const file = path.join(take.dir, take.mediaFile!);
        const thumbnailFile = await this.deps.media.thumbnailFor(file, path.join(take.dir, 'thumb.jpg')).then(
          () => 'thumb.jpg',
          (error: unknown) => {
            this.log.warn('no thumbnail for the take', { draftId, error });
            return null;
          },
        );
        const media = {
          mediaFile: take.mediaFile!,
          thumbnailFile,
          mimeType: baseType(take.mimeType ?? 'video/webm'),
          sizeBytes: take.sizeBytes,
          width: take.width || null,
          height: take.height || null,
          durationMs: take.durationMs,
        };
        return this.deps.drafts.setMedia(draftId, media, take.outcome, take.outcome === 'recovered' ? (take.message ?? { key: 'draftStatus.recovered' }) : take.message);
      }
      case 'empty':
      case 'unplayable':
      case 'deferred':
        return this.deps.drafts.setStatus(draftId, 'failed', take.message ?? { key: 'draftStatus.nothingRecorded' });
      default: {
        const never: never = take.outcome;
        throw new Error(`unknown take outcome ${String(never)}`);
      }
    }
  }

  /** The studio is closing: encodes still running are given up (their takes are recovered at the next start). */
  close(): void {
    for (const encoder of this.live.values()) encoder.giveUp('the studio closed');
    this.live.clear();
  }

  private draftOf(takeId: TakeId): DraftId {
    const draftId = this.takes.get(takeId);
    if (!draftId) throw new StudioFailure('not_found', { key: 'takes.notRecording' });
    return draftId;
  }

  private session(takeId: TakeId) {
    this.draftOf(takeId);
    const session = this.deps.recordings.session(TakesService.keyOf(takeId));
    if (!session) throw new StudioFailure('not_found', { key: 'takes.notRecording' });
    return session;
  }
}

function takeTitle(now: number, what = 'Take'): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${what} ${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
