import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { failureNote } from '@shared/ipc/failure-text';
import { UPLOADS_PATH } from '@shared/protocol/index';
import { orderRoutes } from '@shared/protocol/orders';
import type { Logger } from '../logger';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { classifyFailure } from './classify-failure';
import { OutboxRepository, type JobPatch } from './outbox-repository';
import { callRoute, callSpec } from './platform-http';
import { FINISHED_STATES, PostRequest, type DeliverJob, type OutboxJob, type PostJob, type PostJobId } from './post-job';
import { startTusUpload, TusUploadError, type TusRun } from './tus-upload';

/** How the sync module gets a token and reports that the platform refused it. */
export interface SyncAuth {
  token(): string | null;
  rejected(reason: string): void;
}

export interface SyncServiceOptions {
  readonly db: Database.Database;
  /** The platform's origin now (an embedded platform may move port between runs). */
  readonly platformUrl: () => string;
  readonly auth: SyncAuth;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** tus PATCH size: the most a lost connection can make the client send twice. */
  readonly chunkSize?: number;
  readonly logger?: Logger;
}

export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number;
}

export type SyncListener = (job: OutboxJob, progress: UploadProgress | null) => void;

/** 16 MiB: few enough PATCH round trips to keep loopback throughput near a plain PUT, and the most a lost connection can cost. */
export const DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 100;

interface Running {
  readonly id: PostJobId;
  run: TusRun | null;
  /** Set by cancel(): the job ends as cancelled. */
  cancelled: boolean;
  /** Set by stop(): the job is left as it is, to resume at the next start. */
  stopping: boolean;
  readonly settled: Promise<void>;
}

/**
 * Owns the outbox and the HTTP side of posting: one job at a time, each uploading with tus
 * (resuming from the stored URL), then creating the video with the job's idempotency key.
 */
export class SyncService {
  private readonly repo: OutboxRepository;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly chunkSize: number;
  private readonly listeners = new Set<SyncListener>();
  /** Bytes put on the wire per job in this process (for the re-sent figure); not persisted. */
  private readonly sent = new Map<string, number>();
  private running: Running | null = null;
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly options: Readonly<SyncServiceOptions>) {
    this.repo = new OutboxRepository(options.db);
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  }

  onChange(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): OutboxJob[] {
    return this.repo.list();
  }

  /** The post jobs only (the posting pages' list). */
  posts(): PostJob[] {
    return this.repo.list().filter((j): j is PostJob => j.kind === 'post');
  }

  get(id: string): OutboxJob | null {
    return this.repo.get(id);
  }

  bytesSent(id: string): number {
    return this.sent.get(id) ?? 0;
  }

  /** Picks up every unfinished job, including ones interrupted by a restart. */
  start(): void {
    this.started = true;
    this.pump();
  }

  /** Stops sending without giving anything up: the next start() resumes where this left off. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = this.running;
    if (!running) return;
    running.stopping = true;
    await running.run?.abort(false).catch(() => undefined);
    await running.settled;
  }

  enqueuePost(input: Readonly<{ filePath: string; request: PostRequest; draftId?: string | null }>): PostJob {
    const request = PostRequest.parse(input.request);
    const size = statSync(input.filePath).size;
    if (size === 0) throw new Error('The video file is empty');
    const now = this.now();
    const job = this.repo.insert({
      kind: 'post',
      id: `job_${randomBytes(10).toString('hex')}` as PostJobId,
      state: 'queued',
      platformUrl: this.options.platformUrl(),
      idempotencyKey: `post-${randomBytes(16).toString('hex')}`,
      filePath: input.filePath,
      fileSize: size,
      request,
      draftId: input.draftId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.emit(job, null);
    this.pump();
    return job as PostJob;
  }

  /**
   * Queues the delivery of a custom-video order: the file is uploaded like a post's, then sent
   * with POST /orders/:id/deliver and a key fixed now, so a retry after a lost answer or a restart
   * is the same delivery. An order with a delivery already queued or done gets that one back.
   */
  enqueueDelivery(input: Readonly<{ filePath: string; orderId: string; draftId?: string | null }>): DeliverJob {
    const existing = this.deliveryFor(input.orderId);
    if (existing && existing.state !== 'failed' && existing.state !== 'cancelled') return existing;
    const size = statSync(input.filePath).size;
    if (size === 0) throw new Error('The video file is empty');
    const now = this.now();
    const job = this.repo.insert({
      kind: 'deliver-order',
      id: `job_${randomBytes(10).toString('hex')}` as PostJobId,
      state: 'queued',
      platformUrl: this.options.platformUrl(),
      idempotencyKey: `deliver-${randomBytes(16).toString('hex')}`,
      filePath: input.filePath,
      fileSize: size,
      request: { orderId: input.orderId },
      draftId: input.draftId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.emit(job, null);
    this.pump();
    return job as DeliverJob;
  }

  /** The newest delivery job for an order, if any. */
  deliveryFor(orderId: string): DeliverJob | null {
    return this.repo.list().find((j): j is DeliverJob => j.kind === 'deliver-order' && j.request.orderId === orderId) ?? null;
  }

  /** Cancels a job; a started upload is also deleted on the platform (best effort). */
  async cancel(id: string): Promise<OutboxJob | null> {
    const job = this.repo.get(id);
    if (!job || FINISHED_STATES.has(job.state)) return job;
    if (this.running?.id === id) {
      this.running.cancelled = true;
      await this.running.run?.abort(true).catch(() => undefined);
      await this.running.settled;
      return this.repo.get(id);
    }
    return this.update(job, { state: 'cancelled', nextAttemptAt: null, lastError: null });
  }

  /** After a sign-in, or when the UI learns the platform is back: retry waiting jobs now. */
  retryNow(): void {
    for (const job of this.repo.unfinished()) {
      if (job.state === 'waiting' || job.state === 'needs_sign_in') this.update(job, { state: 'queued', nextAttemptAt: null });
    }
    this.pump();
  }

  private pump(): void {
    if (!this.started || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    const candidates = this.repo.unfinished().filter((j) => j.state !== 'needs_sign_in');
    const ready = candidates.find((j) => j.nextAttemptAt === null || j.nextAttemptAt <= now);
    if (!ready) {
      const next = Math.min(...candidates.map((j) => j.nextAttemptAt ?? Infinity));
      if (Number.isFinite(next)) this.timer = setTimeout(() => this.pump(), Math.max(0, next - now));
      return;
    }
    let finish: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (finish = resolve));
    const running: Running = { id: ready.id, run: null, cancelled: false, stopping: false, settled };
    this.running = running;
    void this.runJob(ready, running).finally(() => {
      this.running = null;
      finish();
      this.pump();
    });
  }

  private async runJob(initial: OutboxJob, running: Running): Promise<void> {
    let job = initial;
    try {
      const token = this.options.auth.token();
      if (!token) {
        this.update(job, { state: 'needs_sign_in', lastError: failureNote({ key: 'sync.signInToPost' }) });
        return;
      }
      try {
        statSync(job.filePath);
      } catch {
        this.update(job, { state: 'failed', lastError: failureNote({ key: 'sync.fileGone', params: { file: job.filePath } }) });
        return;
      }
      const base = this.options.platformUrl();
      if (job.uploadedBytes < job.fileSize || !job.uploadUrl) {
        job = this.update(job, { state: 'uploading' });
        job = await this.upload(job, running, token, base);
      }
      job = this.update(job, { state: 'creating', uploadedBytes: job.fileSize });
      const uploadId = new URL(job.uploadUrl!).pathname.split('/').at(-1)!;
      if (job.kind === 'deliver-order') {
        await callSpec({ baseUrl: base, token: () => token }, orderRoutes.deliverOrder, 'deliverOrder', {
          params: { id: job.request.orderId },
          body: { uploadId, idempotencyKey: job.idempotencyKey },
        });
        this.update(job, { state: 'done', lastError: null, nextAttemptAt: null });
        return;
      }
      const video = await callRoute({ baseUrl: base, token: () => token }, 'createVideo', { body: { ...job.request, uploadId, idempotencyKey: job.idempotencyKey } });
      this.update(job, { state: 'done', videoId: video.id, lastError: null, nextAttemptAt: null });
    } catch (error) {
      job = this.repo.get(job.id) ?? job;
      if (running.cancelled) {
        this.update(job, { state: 'cancelled', nextAttemptAt: null, lastError: null });
        return;
      }
      if (running.stopping || (error instanceof TusUploadError && error.aborted)) return;
      this.fail(job, error);
    }
  }

  private fail(job: OutboxJob, error: unknown): void {
    const failure = classifyFailure(error);
    this.options.logger?.warn('post job step failed', { job: job.id, kind: failure.kind, message: failure.note.message });
    const attempts = job.attempts + 1;
    switch (failure.kind) {
      case 'offline':
      case 'retry':
        this.update(job, { state: 'waiting', attempts, nextAttemptAt: this.now() + backoffDelay(attempts, this.backoff, this.random), lastError: failure.note });
        return;
      case 'sign-in':
        this.update(job, { state: 'needs_sign_in', lastError: failure.note });
        this.options.auth.rejected(failure.note.message);
        return;
      case 'restart-upload':
        this.update(job, { state: 'queued', attempts, uploadUrl: null, uploadedBytes: 0, nextAttemptAt: this.now() + backoffDelay(attempts, this.backoff, this.random), lastError: failure.note });
        return;
      case 'resume-upload':
        this.update(job, { state: 'queued', attempts, uploadedBytes: 0, nextAttemptAt: this.now() + backoffDelay(attempts, this.backoff, this.random), lastError: failure.note });
        return;
      case 'fatal':
        this.update(job, { state: 'failed', attempts, nextAttemptAt: null, lastError: failure.note });
        return;
      default: {
        const exhaustive: never = failure.kind;
        throw new Error(`unhandled failure ${String(exhaustive)}`);
      }
    }
  }

  private async upload(job: OutboxJob, running: Running, token: string, base: string): Promise<OutboxJob> {
    let current = job;
    let attemptStart = job.uploadedBytes;
    let attemptMax = job.uploadedBytes;
    let lastEmit = 0;
    let lastEmitBytes = 0;
    // Stored URLs are rebased onto today's origin: the path names the upload, the port may differ.
    const resumeUrl = job.uploadUrl ? new URL(new URL(job.uploadUrl).pathname, base).toString() : null;
    const run = startTusUpload({
      endpoint: new URL(UPLOADS_PATH, base).toString(),
      uploadUrl: resumeUrl,
      filePath: job.filePath,
      fileSize: job.fileSize,
      token,
      chunkSize: this.chunkSize,
      metadata: { filename: path.basename(job.filePath) },
      onUrl: (url) => {
        current = this.update(current, { uploadUrl: url });
      },
      onStartOffset: (offset) => {
        attemptStart = offset;
        attemptMax = offset;
      },
      onProgress: (sentBytes, totalBytes) => {
        attemptMax = Math.max(attemptMax, sentBytes);
        const now = this.now();
        // At most every 100 ms or every 1 %: smooth for a progress bar, cheap for a large file.
        if (now - lastEmit >= PROGRESS_INTERVAL_MS || sentBytes - lastEmitBytes >= totalBytes / 100 || sentBytes === totalBytes) {
          lastEmit = now;
          lastEmitBytes = sentBytes;
          this.emit(current, { sentBytes, totalBytes });
        }
      },
      onAccepted: (offset) => {
        current = this.repo.update(current.id, { uploadedBytes: offset }, this.now());
      },
    });
    running.run = run;
    try {
      await run.done;
      return this.repo.update(current.id, { uploadedBytes: job.fileSize }, this.now());
    } finally {
      running.run = null;
      this.sent.set(job.id, this.bytesSent(job.id) + Math.max(0, attemptMax - attemptStart));
    }
  }

  private update(job: OutboxJob, patch: JobPatch): OutboxJob {
    const next = this.repo.update(job.id, patch, this.now());
    this.emit(next, null);
    return next;
  }

  private emit(job: OutboxJob, progress: UploadProgress | null): void {
    for (const listener of this.listeners) {
      try {
        listener(job, progress);
      } catch (error) {
        this.options.logger?.error('sync listener threw', { error });
      }
    }
  }
}
