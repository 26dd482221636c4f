import path from 'node:path';
import type { Draft, DraftStatus } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import type { ExportJobId } from '@shared/domain/ids';
import type { ExportProgress } from '@shared/domain/recording/export-progress';
import type { ExportJob } from '@shared/ipc/media-schemas';
import { englishFailure, type FailureText } from '@shared/ipc/failure-text';
import { StudioFailure } from '@shared/ipc/result';
import type { DraftsService } from '../drafts/drafts-service';
import type { Logger } from '../logger';
import { MediaError, isCancelled } from '../media/media-error';
import type { ExportHandle, MediaService } from '../media/media-service';
import type { PreparedInput } from '../media/prepared-export';
import { EXPORT_BASE, exportSourceOf } from './export-source';

export type DraftExportsDeps = Readonly<{
  drafts: DraftsService;
  media: MediaService;
  logger: Logger;
  onProgress: (job: ExportJob) => void;
  /** Settings → export mirrored: keep a mirrored take mirrored (off by default: text reads right). */
  exportMirrored?: () => boolean;
  /** The take's MP4 encoded while it was recorded (TakesService.preparedFor), used when it checks out. */
  prepared?: (draftId: DraftId) => Promise<PreparedInput | null>;
}>;

interface Running {
  readonly draftId: DraftId;
  readonly handle: ExportHandle;
  readonly before: Readonly<{ status: DraftStatus; detail: string | null }>;
  last: ExportJob;
  /** Last percent written to the draft row: the row changes in 5 % steps, the event every percent. */
  stored: number;
}

const ROW_STEP = 5;

const detailOf = (p: ExportProgress): FailureText =>
  p.state === 'queued'
    ? p.ahead > 0
      ? { key: 'draftStatus.waitingAhead', params: { ahead: p.ahead } }
      : { key: 'draftStatus.waiting' }
    : { key: 'draftStatus.percent', params: { percent: Math.floor(p.percent) } };

/**
 * Exports drafts to the platform MP4 through the media service's queue, and keeps each draft's
 * status in step: `exporting n %` while it runs, `ready` with the MP4, poster as thumbnail and
 * probed duration when done, `failed` with ffmpeg's own message, back to what it was on cancel.
 */
export class DraftExports {
  private readonly jobs = new Map<ExportJobId, Running>();
  private readonly log: Logger;

  private closing = false;

  constructor(private readonly deps: DraftExportsDeps) {
    this.log = deps.logger.child('exports');
  }

  start(draftId: DraftId): ExportJobId {
    const draft = this.deps.drafts.get(draftId);
    const existing = [...this.jobs.entries()].find(([, job]) => job.draftId === draftId);
    if (existing) return existing[0];
    if (draft.kind !== 'video') throw new StudioFailure('unsupported', { key: 'exports.photo' });
    if (draft.status === 'recording') throw new StudioFailure('conflict', { key: 'exports.stillRecording' });
    const dir = this.deps.drafts.folderOf(draftId);
    const source = exportSourceOf(dir, draft, this.deps.exportMirrored?.() ?? false);
    const before = { status: draft.status, detail: draft.statusDetail };
    this.deps.drafts.setStatus(draftId, 'exporting', { key: 'draftStatus.waiting' });
    const prepared = this.deps.prepared;
    const handle = this.deps.media.export({ source, outputDir: dir, baseName: EXPORT_BASE, onProgress: (p) => this.progress(p), ...(prepared ? { prepared: () => prepared(draftId) } : {}) });
    const running: Running = { draftId, handle, before, last: { jobId: handle.id, draftId, state: 'queued', percent: 0, etaMs: null, ahead: 0 }, stored: 0 };
    this.jobs.set(handle.id, running);
    handle.done.then(
      (result) => {
        this.jobs.delete(handle.id);
        this.land(draftId, () =>
          this.deps.drafts.setMedia(
            draftId,
            {
              mediaFile: path.basename(result.file),
              thumbnailFile: result.posterFile ? path.basename(result.posterFile) : null,
              mimeType: 'video/mp4',
              sizeBytes: result.sizeBytes,
              width: result.width || null,
              height: result.height || null,
              durationMs: result.durationMs,
            },
            'ready',
            null,
          ),
        );
        this.deps.onProgress({ ...running.last, state: 'finishing', percent: 100, etaMs: 0 });
      },
      (error: unknown) => {
        this.jobs.delete(handle.id);
        if (isCancelled(error)) {
          // A recorded take is still playable: it goes back to how it was. A photo video has nothing to play yet.
          const playable = before.status === 'ready' || before.status === 'recovered';
          this.land(draftId, () => this.deps.drafts.setStatus(draftId, playable ? before.status : 'failed', { key: 'draftStatus.exportCancelled' }));
        } else {
          // The media service's sentence (keyed, or ffmpeg's own words); a bug's own text otherwise. The pages say "The export failed: …" around it.
          const detail: FailureText | string = error instanceof MediaError ? error.sayable : error instanceof Error ? error.message : String(error);
          this.log.warn('export failed', { draftId, message: typeof detail === 'string' ? detail : englishFailure(detail) });
          this.land(draftId, () => this.deps.drafts.setStatus(draftId, 'failed', detail));
        }
      },
    );
    return handle.id;
  }

  cancel(jobId: ExportJobId): void {
    const job = this.jobs.get(jobId);
    if (!job) throw new StudioFailure('not_found', { key: 'exports.notRunning' });
    job.handle.cancel();
  }

  /** A draft about to be deleted: its export stops first, so ffmpeg does not write into a removed folder. */
  cancelDraft(draftId: DraftId): void {
    for (const job of this.jobs.values()) if (job.draftId === draftId) job.handle.cancel();
  }

  /** Running and waiting exports, the running one first. */
  queue(): ExportJob[] {
    const order = this.deps.media.pending();
    const ids = [order.running, ...order.waiting].filter((id): id is string => id !== null);
    return ids.map((id) => this.jobs.get(id as ExportJobId)?.last).filter((j): j is ExportJob => j !== undefined);
  }

  /** At start: an export the studio was closed in the middle of is no longer running. */
  settleInterrupted(): void {
    for (const draft of this.deps.drafts.withStatus('exporting')) {
      this.deps.drafts.setStatus(draft.id, 'failed', { key: 'draftStatus.exportInterrupted' });
    }
  }

  /** Cancels every export (the studio is closing). */
  /** At shutdown: stops every job; their drafts are settled at the next start (settleInterrupted), not on a closing database. */
  cancelAll(): void {
    this.closing = true;
    for (const job of this.jobs.values()) job.handle.cancel();
  }

  private progress(p: ExportProgress): void {
    const job = this.jobs.get(p.jobId);
    if (!job) return;
    job.last = { ...p, draftId: job.draftId };
    this.deps.onProgress(job.last);
    const step = p.state === 'queued' ? 0 : Math.floor(p.percent / ROW_STEP) * ROW_STEP;
    if (step === job.stored && p.state !== 'finishing') return;
    job.stored = step;
    this.land(job.draftId, () => this.deps.drafts.setStatus(job.draftId, 'exporting', detailOf(p)));
  }

  /** Applies a status change unless the draft was deleted meanwhile. */
  private land(draftId: DraftId, apply: () => Draft): void {
    if (this.closing || !this.deps.drafts.find(draftId)) return;
    try {
      apply();
    } catch (error) {
      this.log.warn('draft status not updated', { draftId, error });
    }
  }
}
