import { mkdir, open, type FileHandle } from 'node:fs/promises';
import type { Logger } from '../logger';
import { JOURNAL_VERSION, RecordingEvent, type JournalEntry } from '@shared/domain/recording/journal';
import { captureFiles, containerFor, type CaptureFiles } from './capture-files';
import { describeWriteError, type RecordingWriteError } from './write-failure';
import { StudioFailure } from '@shared/ipc/result';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';

/** MediaRecorder chunks are tens to hundreds of KiB; anything this large is a bug upstream. */
export const CHUNK_BYTES_MAX = 16 * 1024 * 1024;

export type SessionDeps = Readonly<{
  logger: Logger;
  now: () => number;
  /**
   * fsync the capture and journal at most this often. An app crash loses nothing that write()
   * accepted (it sits in the kernel's page cache), so fsync only guards against the machine itself
   * dying; once a second bounds that loss to the ~1 s the issue allows while costing at most one
   * fsync per second, instead of one per 250 ms chunk.
   */
  syncIntervalMs: number;
  /** Told once when the disk refuses a write, so the page can stop the recorder and say why. */
  onFailed: (error: RecordingWriteError) => void;
}>;

export type SessionOptions = Readonly<{
  /** The draft's own folder; created if missing. */
  dir: string;
  /** MediaRecorder's mimeType, e.g. `video/webm;codecs=vp9,opus`. */
  mimeType: string;
  itemId: string | null;
  attributeId: string | null;
  filter?: string | null;
  mirrored?: boolean;
  /** The whole look worn at the start (issue 16 §2); itemId/attributeId are its current layer. */
  look?: readonly LookLayerIds[] | undefined;
}>;

export type SessionState = 'recording' | 'failed' | 'closed';

/**
 * One take being written: chunks are appended to the raw file in arrival order, events to the
 * journal. Every write goes through one promise chain, so a slow disk delays the caller rather than
 * reordering bytes. After a write error the session stops accepting data and keeps what it has.
 */
export class RecordingSession {
  private tail: Promise<unknown> = Promise.resolve();
  private nextSeq = 0;
  private written = 0;
  private lastSync: number;
  private stateValue: SessionState = 'recording';
  private failureValue: RecordingWriteError | null = null;
  private appended: ((chunk: Uint8Array) => void) | null = null;

  private constructor(
    private readonly deps: SessionDeps,
    readonly dir: string,
    readonly files: CaptureFiles,
    private readonly raw: FileHandle,
    private readonly journal: FileHandle,
  ) {
    this.lastSync = deps.now();
  }

  static async open(deps: SessionDeps, options: SessionOptions): Promise<RecordingSession> {
    const container = containerFor(options.mimeType);
    if (!container) throw new Error(`Recording as ${options.mimeType} is not supported; use WebM or MP4`);
    const files = captureFiles(options.dir, container);
    let raw: FileHandle | null = null;
    try {
      await mkdir(options.dir, { recursive: true });
      // 'wx': never append a new take onto an unrepaired one left by a crash.
      raw = await open(files.raw, 'wx');
      const journal = await open(files.journal, 'a');
      const session = new RecordingSession(deps, options.dir, files, raw, journal);
      const start: JournalEntry = {
        type: 'start',
        t: 0,
        at: deps.now(),
        version: JOURNAL_VERSION,
        mimeType: options.mimeType,
        itemId: options.itemId,
        attributeId: options.attributeId,
        filter: options.filter ?? null,
        mirrored: options.mirrored ?? false,
        ...(options.look ? { look: [...options.look] } : {}),
      };
      await journal.write(JSON.stringify(start) + '\n');
      await session.sync();
      return session;
    } catch (error) {
      await raw?.close().catch(() => {});
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new StudioFailure('conflict', { key: 'takes.takeLeftOpen', params: { dir: options.dir } });
      throw describeWriteError(error, options.dir, 0);
    }
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get failure(): RecordingWriteError | null {
    return this.failureValue;
  }

  /**
   * Told each chunk once it is written, in order, exactly once (a repeated seq is not passed on):
   * the encode while recording reads the take from here. It must not throw or block.
   */
  onAppended(listener: (chunk: Uint8Array) => void): void {
    this.appended = listener;
  }

  /** Bytes safely handed to the kernel so far. */
  get bytes(): number {
    return this.written;
  }

  /**
   * Appends chunk number `seq` (0, 1, 2 … in MediaRecorder's order). A repeated seq, as a retry after
   * a lost reply would send, is acknowledged without writing twice; a gap is refused, because a
   * WebM with a hole in the middle cannot be played past it.
   */
  append(chunk: Uint8Array, seq: number): Promise<number> {
    if (chunk.byteLength === 0 || chunk.byteLength > CHUNK_BYTES_MAX) return Promise.reject(new Error(`A chunk must be 1 byte to ${CHUNK_BYTES_MAX} bytes`));
    return this.enqueue(async () => {
      if (seq < this.nextSeq) return this.written;
      if (seq > this.nextSeq) throw new StudioFailure('conflict', { key: 'takes.chunkEarly', params: { seq, expected: this.nextSeq } });
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await this.guard(this.raw.write(chunk, offset, chunk.byteLength - offset));
        offset += bytesWritten;
        this.written += bytesWritten;
      }
      this.nextSeq++;
      this.appended?.(chunk);
      if (this.deps.now() - this.lastSync >= this.deps.syncIntervalMs) await this.guard(this.sync());
      return this.written;
    });
  }

  /** Records an event from the shooting page (attribute switch, face sample, pause …) in the journal. */
  event(input: unknown): Promise<void> {
    const parsed = RecordingEvent.safeParse(input);
    if (!parsed.success) return Promise.reject(new Error(`Not a recording event: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`));
    return this.enqueue(async () => {
      const entry = { ...parsed.data, at: this.deps.now() } as JournalEntry;
      await this.guard(this.journal.write(JSON.stringify(entry) + '\n'));
      // A pause may be the last thing before the app is closed: make it durable now.
      if (entry.type === 'pause') await this.guard(this.sync());
    });
  }

  /**
   * Ends the take: a `stop` line (or, after a failure, the `failure` line already written), then
   * fsync and close. The raw file stays for the service to remux.
   */
  close(mediaMs: number): Promise<{ bytes: number; failure: RecordingWriteError | null }> {
    const run = async (): Promise<{ bytes: number; failure: RecordingWriteError | null }> => {
      if (this.stateValue === 'closed') return { bytes: this.written, failure: this.failureValue };
      if (this.stateValue === 'recording') {
        try {
          await this.journal.write(JSON.stringify({ type: 'stop', t: Math.max(0, Math.round(mediaMs)), at: this.deps.now(), bytes: this.written } satisfies JournalEntry) + '\n');
          await this.sync();
        } catch (error) {
          this.fail(error);
        }
      }
      this.stateValue = 'closed';
      await Promise.allSettled([this.raw.close(), this.journal.close()]);
      return { bytes: this.written, failure: this.failureValue };
    };
    // Runs even when the chain is already failed: closing must always be possible.
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = (): Promise<T> => {
      if (this.stateValue === 'failed' && this.failureValue) return Promise.reject(this.failureValue);
      if (this.stateValue !== 'recording') return Promise.reject(new Error('The recording has ended'));
      return op();
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => {});
    return result;
  }

  private async guard<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } catch (error) {
      throw this.fail(error);
    }
  }

  private fail(error: unknown): RecordingWriteError {
    if (this.failureValue) return this.failureValue;
    const failure = describeWriteError(error, this.dir, this.written);
    this.failureValue = failure;
    this.stateValue = 'failed';
    this.deps.logger.error('recording write failed', { dir: this.dir, bytes: this.written, error });
    // Best effort: the journal may sit on the same full disk.
    void this.journal.write(JSON.stringify({ type: 'failure', t: 0, at: this.deps.now(), bytes: this.written, message: failure.message.slice(0, 500) } satisfies JournalEntry) + '\n').catch(() => {});
    this.deps.onFailed(failure);
    return failure;
  }

  private async sync(): Promise<void> {
    this.lastSync = this.deps.now();
    await Promise.all([this.raw.datasync(), this.journal.datasync()]);
  }
}
