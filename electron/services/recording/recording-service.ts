import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { parseJournal, type JournalEntry } from '@shared/domain/recording/journal';
import type { FailureText } from '@shared/ipc/failure-text';
import { captureFiles, rawContainerIn, type CaptureContainer, type CaptureFiles } from './capture-files';
import { RecordingSession, type SessionOptions } from './recording-session';
import type { RecordingWriteError } from './write-failure';
import { StudioFailure } from '@shared/ipc/result';

export type RemuxFn = (input: string, output: string) => Promise<{ readonly durationMs: number; readonly width: number; readonly height: number }>;

export type RecordingServiceDeps = Readonly<{
  logger: Logger;
  now: () => number;
  /** Stream copy into a playable container with a duration: `MediaService.remux`. */
  remux: RemuxFn;
  /** See SessionDeps.syncIntervalMs; 1000 by default. */
  syncIntervalMs?: number;
  /** A take that stopped because the disk refused a write; `key` is the one given to `start`. */
  onFailed?: (key: string, error: RecordingWriteError) => void;
}>;

/**
 * What became of a take, for the drafts flow: `ready` after a normal stop, `recovered` after a
 * crash, `empty` when nothing was recorded, `unplayable` when ffmpeg could not salvage it (the raw
 * bytes are kept aside), `deferred` when the disk is still too full to repair it (retried next start).
 */
export interface FinishedTake {
  readonly dir: string;
  readonly outcome: 'ready' | 'recovered' | 'empty' | 'unplayable' | 'deferred';
  /** File name inside `dir` of the playable take, when there is one. */
  readonly mediaFile: string | null;
  readonly mimeType: string | null;
  readonly durationMs: number | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly sizeBytes: number;
  readonly journal: readonly JournalEntry[];
  /** Why the take ended early or could not be repaired, in words for the user (keyed: said in their language). */
  readonly message: FailureText | null;
}

const DISK_FULL = /No space left|Disk quota|File too large/i;

/**
 * Crash-safe capture. `start` opens a take in a draft folder; the renderer's chunks go to
 * `session.append`, its events to `session.event`; `finish` closes and remuxes it. At app start,
 * `recoverAll` repairs every take a crash left open.
 */
export class RecordingService {
  private readonly sessions = new Map<string, RecordingSession>();
  /** Folders of takes being opened, recorded or finished: never a crash's leftover, whatever their files say. */
  private readonly busy = new Set<string>();
  private readonly log: Logger;

  constructor(private readonly deps: RecordingServiceDeps) {
    this.log = deps.logger.child('recording');
  }

  async start(key: string, options: SessionOptions): Promise<RecordingSession> {
    if (this.sessions.has(key)) throw new StudioFailure('conflict', { key: 'takes.alreadyRecording' });
    // Claimed before the first await: the session's files exist before the session is registered.
    const dir = path.resolve(options.dir);
    if (this.busy.has(dir)) throw new StudioFailure('conflict', { key: 'takes.takeOpen', params: { dir: options.dir } });
    this.busy.add(dir);
    let session: RecordingSession;
    try {
      session = await RecordingSession.open(
        {
          logger: this.log,
          now: this.deps.now,
          syncIntervalMs: this.deps.syncIntervalMs ?? 1000,
          onFailed: (error) => this.deps.onFailed?.(key, error),
        },
        options,
      );
    } catch (error) {
      this.busy.delete(dir);
      throw error;
    }
    this.sessions.set(key, session);
    this.log.info('take started', { key, dir: options.dir, mimeType: options.mimeType });
    return session;
  }

  session(key: string): RecordingSession | null {
    return this.sessions.get(key) ?? null;
  }

  /** Stops the take (also after a write failure) and makes the playable file. `mediaMs`: recorded length as the page counted it. */
  async finish(key: string, mediaMs: number): Promise<FinishedTake> {
    const session = this.sessions.get(key);
    if (!session) throw new StudioFailure('not_found', { key: 'takes.notRecording' });
    try {
      const { failure } = await session.close(mediaMs);
      const take = await this.finalize(session.dir, session.files, 'ready');
      return failure && take.outcome === 'ready' ? { ...take, message: failure.text } : take;
    } finally {
      this.sessions.delete(key);
      this.busy.delete(path.resolve(session.dir));
    }
  }

  /** Draft folders under `root` holding a take that was never finished (a crash, a power cut). */
  async scan(root: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(root);
    } catch {
      return [];
    }
    const found: string[] = [];
    for (const name of names.sort()) {
      const dir = path.join(root, name);
      try {
        // Asked after the read: a take may have started meanwhile.
        if (rawContainerIn(await readdir(dir)) && !this.busy.has(path.resolve(dir))) found.push(dir);
      } catch {
        // Not a folder, or unreadable: not a take.
      }
    }
    return found;
  }

  async recover(dir: string): Promise<FinishedTake> {
    const take = await this.recoverIdle(dir);
    if (!take) throw new Error(`The take in ${dir} is being recorded`);
    return take;
  }

  /** Run once at start: every unfinished take is repaired, one after another. */
  async recoverAll(root: string): Promise<FinishedTake[]> {
    const takes: FinishedTake[] = [];
    for (const dir of await this.scan(root)) {
      // A take started since the scan is no leftover.
      const take = await this.recoverIdle(dir);
      if (take) takes.push(take);
    }
    return takes;
  }

  /** Repairs the take left in `dir`; null when a take is being recorded there (it is no leftover). */
  private async recoverIdle(dir: string): Promise<FinishedTake | null> {
    const container = rawContainerIn(await readdir(dir));
    if (!container) throw new Error(`No unfinished take in ${dir}`);
    // Asked after the read, with no await before the repair starts: a take may have started meanwhile.
    if (this.busy.has(path.resolve(dir))) return null;
    this.log.warn('recovering an unfinished take', { dir });
    return this.finalize(dir, captureFiles(dir, container), 'recovered');
  }

  private async finalize(dir: string, files: CaptureFiles, success: 'ready' | 'recovered'): Promise<FinishedTake> {
    const journal = await readJournal(files.journal);
    const container = path.extname(files.raw).slice(1) as CaptureContainer;
    const start = journal.find((e) => e.type === 'start');
    const mimeType = start?.type === 'start' ? start.mimeType : `video/${container}`;
    const empty = { dir, mediaFile: null, mimeType: null, durationMs: null, width: null, height: null, sizeBytes: 0, journal };
    const size = await stat(files.raw).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) {
      await rm(files.raw, { force: true });
      return { ...empty, outcome: 'empty', message: { key: 'draftStatus.nothingRecorded' } };
    }
    try {
      const info = await this.deps.remux(files.raw, files.final);
      await rm(files.raw, { force: true });
      const { size: sizeBytes } = await stat(files.final);
      this.log.info('take saved', { dir, outcome: success, durationMs: info.durationMs, rawBytes: size });
      return { dir, outcome: success, mediaFile: path.basename(files.final), mimeType, durationMs: info.durationMs, width: info.width, height: info.height, sizeBytes, journal, message: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (DISK_FULL.test(message)) {
        this.log.warn('take left for later: disk full', { dir, message });
        return { ...empty, outcome: 'deferred', sizeBytes: size, message: { key: 'draftStatus.takeDeferred', params: { reason: message } } };
      }
      // Kept under another name so it is not retried at every start, and not deleted: it is the user's.
      await rename(files.raw, files.unrecoverable).catch(() => {});
      this.log.error('take could not be repaired', { dir, message });
      return { ...empty, outcome: 'unplayable', sizeBytes: size, message: { key: 'draftStatus.takeUnrepairable', params: { reason: message } } };
    }
  }
}

async function readJournal(file: string): Promise<JournalEntry[]> {
  try {
    return [...parseJournal(await readFile(file, 'utf8')).entries];
  } catch {
    return [];
  }
}
