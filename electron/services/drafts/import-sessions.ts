import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_SIZE_MAX } from '@shared/ipc/contract';
import { StudioFailure } from '@shared/ipc/result';
import { SNIFF_BYTES, sniffMedia, type SniffedMedia } from '@shared/domain/media-sniff';
import type { ImportId } from '@shared/domain/ids';
import { newId } from '../ids';

interface Session {
  readonly id: ImportId;
  readonly fileName: string;
  readonly size: number;
  readonly file: string;
  readonly startedAt: number;
  fd: number | null;
  received: number;
  sniffed: SniffedMedia | null;
}

export interface CompletedImport {
  readonly fileName: string;
  readonly file: string;
  readonly size: number;
  readonly media: SniffedMedia;
}

const MAX_OPEN = 8;
const STALE_MS = 30 * 60 * 1000;

const notMedia = (fileName: string) => new StudioFailure('unsupported_media', { key: 'imports.notMedia', params: { file: fileName } });

/**
 * Streams a file from the renderer into `<dataDir>/imports/` chunk by chunk, in order. The first
 * chunk is sniffed at once: a file that is not an image or video is refused and its partial copy
 * removed, so nothing is left behind.
 */
export class ImportSessions {
  private readonly sessions = new Map<ImportId, Session>();

  constructor(
    private readonly dir: string,
    private readonly now: () => number,
  ) {
    // Partial imports from a previous run can never be finished: clear them.
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { force: true, recursive: true });
  }

  begin(fileName: string, size: number): ImportId {
    this.dropStale();
    if (this.sessions.size >= MAX_OPEN) throw new StudioFailure('conflict', { key: 'imports.tooMany' });
    if (size > IMPORT_SIZE_MAX) throw new StudioFailure('invalid_input', { key: 'imports.tooLarge' });
    const id = newId('imp', this.now()) as ImportId;
    const file = path.join(this.dir, `${id}.part`);
    const fd = openSync(file, 'wx');
    this.sessions.set(id, { id, fileName, size, file, fd, received: 0, sniffed: null, startedAt: this.now() });
    return id;
  }

  append(id: ImportId, offset: number, bytes: Uint8Array): number {
    const session = this.get(id);
    if (offset !== session.received) throw new StudioFailure('conflict', { key: 'imports.wrongOffset', params: { expected: session.received, got: offset } });
    if (session.received + bytes.byteLength > session.size) {
      this.cancel(id);
      throw new StudioFailure('invalid_input', { key: 'imports.tooManyBytes' });
    }
    if (session.received === 0) {
      const sniffed = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
      if (!sniffed) {
        this.cancel(id);
        throw notMedia(session.fileName);
      }
      session.sniffed = sniffed;
    }
    try {
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(session.fd!, bytes, written, bytes.byteLength - written);
    } catch (error) {
      this.cancel(id);
      throw new StudioFailure('io_error', { key: 'imports.writeFailed', params: { reason: (error as Error).message } });
    }
    session.received += bytes.byteLength;
    return session.received;
  }

  /** Closes a complete upload and hands its temp file over; the caller moves or deletes it. */
  complete(id: ImportId): CompletedImport {
    const session = this.get(id);
    if (session.received !== session.size) {
      this.cancel(id);
      throw new StudioFailure('invalid_input', { key: 'imports.stopped', params: { received: session.received, size: session.size } });
    }
    this.closeFd(session);
    this.sessions.delete(id);
    if (!session.sniffed) throw notMedia(session.fileName);
    return { fileName: session.fileName, file: session.file, size: session.size, media: session.sniffed };
  }

  cancel(id: ImportId): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.closeFd(session);
    rmSync(session.file, { force: true });
    this.sessions.delete(id);
  }

  /** Sniffs a whole file already on disk (the Electron file dialog's path). */
  static sniffHead(head: Uint8Array, fileName: string): SniffedMedia {
    const sniffed = sniffMedia(head);
    if (!sniffed) throw notMedia(fileName);
    return sniffed;
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.cancel(id);
  }

  private get(id: ImportId): Session {
    const session = this.sessions.get(id);
    if (!session) throw new StudioFailure('not_found', { key: 'imports.unknown' });
    return session;
  }

  private closeFd(session: Session): void {
    if (session.fd !== null) {
      closeSync(session.fd);
      session.fd = null;
    }
  }

  private dropStale(): void {
    const cutoff = this.now() - STALE_MS;
    for (const session of [...this.sessions.values()]) if (session.startedAt < cutoff) this.cancel(session.id);
  }
}
