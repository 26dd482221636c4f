import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { newDraft, titleFromFileName, type Draft, type DraftStatus } from '@shared/domain/drafts';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';
import type { DraftId, ImportId } from '@shared/domain/ids';
import { SNIFF_BYTES, type SniffedMedia } from '@shared/domain/media-sniff';
import { englishFailure, failureNote, type FailureText } from '@shared/ipc/failure-text';
import { StudioFailure } from '@shared/ipc/result';
import type { StudioEvents } from '@shared/ipc/contract';
import type { EventPayload } from '@shared/ipc/define';
import { MediaError } from '../media/media-error';
import type { MediaService } from '../media/media-service';
import type { Logger } from '../logger';
import { newId } from '../ids';
import type { DraftFiles } from './draft-files';
import type { DraftMedia, DraftsRepository } from './drafts-repository';
import { ImportSessions } from './import-sessions';

/** A status detail as a draft's two fields: the English sentence and, when keyed, its key and params. */
function detailFields(detail: FailureText | string | null): Pick<Draft, 'statusDetail' | 'statusKey'> {
  if (detail === null) return { statusDetail: null, statusKey: null };
  if (typeof detail === 'string') return { statusDetail: detail, statusKey: null };
  return { statusDetail: englishFailure(detail), statusKey: detail.params ? { key: detail.key, params: detail.params } : { key: detail.key } };
}

interface MediaFacts {
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
}

export interface DraftsServiceDeps {
  readonly repository: DraftsRepository;
  readonly files: DraftFiles;
  /** Measures imports and makes their thumbnails (decoding is also the corruption check). */
  readonly media: Pick<MediaService, 'thumbnailFor'>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly onChanged: (event: EventPayload<StudioEvents, 'drafts.changed'>) => void;
}

/** Owns drafts: their rows (through the repository) and their folders on disk. */
export class DraftsService {
  readonly imports: ImportSessions;

  constructor(private readonly deps: DraftsServiceDeps) {
    mkdirSync(deps.files.root, { recursive: true });
    this.imports = new ImportSessions(deps.files.importsDir, deps.now);
  }

  list(): Draft[] {
    return this.deps.repository.list();
  }

  get(id: DraftId): Draft {
    const draft = this.deps.repository.get(id);
    if (!draft) throw new StudioFailure('not_found', { key: 'drafts.gone' });
    return draft;
  }

  rename(id: DraftId, title: string): Draft {
    if (!this.deps.repository.rename(id, title, this.deps.now())) throw new StudioFailure('not_found', { key: 'drafts.gone' });
    this.deps.onChanged({ draftId: id, change: 'updated' });
    return this.get(id);
  }

  /** Deletes the row, then the draft's folder with every file in it. */
  remove(id: DraftId): void {
    if (!this.deps.repository.remove(id)) throw new StudioFailure('not_found', { key: 'drafts.gone' });
    try {
      rmSync(this.deps.files.dirOf(id), { recursive: true, force: true });
    } catch (error) {
      this.deps.logger.warn('draft files could not be removed', { id, error });
    }
    this.deps.onChanged({ draftId: id, change: 'removed' });
  }

  async finishImport(importId: ImportId): Promise<Draft> {
    const done = this.imports.complete(importId);
    try {
      return await this.createFromFile(done.file, done.fileName, done.size, done.media, 'move');
    } finally {
      await rm(done.file, { force: true });
    }
  }

  /** Imports a file the user picked in the native dialog (Electron). */
  async importFromPath(source: string): Promise<Draft> {
    let size: number;
    const head = new Uint8Array(SNIFF_BYTES);
    try {
      size = (await stat(source)).size;
      const file = await open(source, 'r');
      try {
        await file.read(head, 0, SNIFF_BYTES, 0);
      } finally {
        await file.close();
      }
    } catch (error) {
      throw new StudioFailure('io_error', { key: 'drafts.cannotRead', params: { file: path.basename(source), reason: (error as Error).message } });
    }
    if (size === 0) throw new StudioFailure('invalid_input', { key: 'drafts.emptyFile' });
    const media = ImportSessions.sniffHead(head, path.basename(source));
    return this.createFromFile(source, path.basename(source), size, media, 'copy');
  }

  private async createFromFile(source: string, fileName: string, size: number, media: SniffedMedia, mode: 'move' | 'copy'): Promise<Draft> {
    const now = this.deps.now();
    const id = newId('drf', now) as DraftId;
    const dir = this.deps.files.dirOf(id);
    const mediaFile = `original.${media.extension}`;
    const target = path.join(dir, mediaFile);
    try {
      await mkdir(dir, { recursive: true });
      // Streamed, never copyFileSync: a 4 GiB copy must not stop main from answering the page or the embedded platform.
      if (mode === 'move') await rename(source, target);
      else await pipeline(createReadStream(source), createWriteStream(target, { flags: 'wx' }));
      const { facts, thumbnailFile } = await this.describe(target, dir, media, mediaFile, fileName);
      const draft = newDraft({
        id,
        kind: media.kind,
        title: titleFromFileName(fileName),
        now,
        mediaFile,
        thumbnailFile,
        mimeType: media.mimeType,
        sizeBytes: size,
        width: facts.width,
        height: facts.height,
        durationMs: media.kind === 'video' ? facts.durationMs : null,
      });
      this.deps.repository.insert(draft);
      this.deps.onChanged({ draftId: id, change: 'created' });
      this.deps.logger.info('draft imported', { id, kind: media.kind, size });
      return draft;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof StudioFailure) throw error;
      throw new StudioFailure('io_error', { key: 'drafts.cannotImport', params: { file: fileName, reason: (error as Error).message } });
    }
  }

  /** Decodes the file (the corruption check), measures it and makes its thumbnail. */
  private async describe(file: string, dir: string, media: SniffedMedia, mediaFile: string, fileName: string): Promise<{ facts: MediaFacts; thumbnailFile: string | null }> {
    try {
      const info = await this.deps.media.thumbnailFor(file, path.join(dir, 'thumb.jpg'));
      return { facts: { width: info.width, height: info.height, durationMs: info.durationMs }, thumbnailFile: 'thumb.jpg' };
    } catch (error) {
      if (error instanceof MediaError && error.code === 'ffmpeg-missing') {
        this.deps.logger.warn('ffmpeg not found: importing without thumbnail or size checks');
        return { facts: { width: null, height: null, durationMs: null }, thumbnailFile: media.kind === 'photo' ? mediaFile : null };
      }
      throw new StudioFailure('unsupported_media', { key: media.kind === 'photo' ? 'drafts.imageNotDecoded' : 'drafts.videoNotDecoded', params: { file: fileName, reason: (error as Error).message } });
    }
  }

  // ---------- video drafts from takes and exports (recording and media flows) ----------

  /** Folder of a draft's files, created when missing. */
  folderOf(id: DraftId): string {
    const dir = this.deps.files.dirOf(id);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /**
   * A video draft for a take that is about to start: status `recording`, no file yet. The row comes
   * first so that a crash mid-take leaves a draft the recovery scan can complete.
   */
  createVideo(
    fields: Readonly<{
      title: string;
      mediaFile: string;
      mimeType: string;
      itemId: string | null;
      attributeId: string | null;
      /** The whole look (a photo video's; a take's look is in its journal). */
      look?: readonly LookLayerIds[] | undefined;
      status: DraftStatus;
      statusDetail?: FailureText | string | null;
    }>,
  ): Draft {
    const now = this.deps.now();
    const id = newId('drf', now) as DraftId;
    this.folderOf(id);
    const draft = newDraft({
      id,
      kind: 'video',
      title: fields.title,
      now,
      mediaFile: fields.mediaFile,
      mimeType: fields.mimeType,
      itemId: fields.itemId,
      attributeId: fields.attributeId,
      look: fields.look ?? [],
      status: fields.status,
      ...detailFields(fields.statusDetail ?? null),
    });
    this.deps.repository.insert(draft);
    this.deps.onChanged({ draftId: id, change: 'created' });
    return draft;
  }

  /** Status only (`exporting` with its percent, `failed` with ffmpeg's message …); a keyed detail is said in the user's language. */
  setStatus(id: DraftId, status: DraftStatus, detail: FailureText | string | null): Draft {
    if (!this.deps.repository.setStatus(id, status, detail === null ? null : failureNote(detail), this.deps.now())) throw new StudioFailure('not_found', { key: 'drafts.gone' });
    this.deps.onChanged({ draftId: id, change: 'updated' });
    return this.get(id);
  }

  /** A finished take or export: the draft now points at that file, with its facts and a status. */
  setMedia(id: DraftId, media: DraftMedia, status: DraftStatus, detail: FailureText | string | null): Draft {
    if (!this.deps.repository.setMedia(id, media, status, detail === null ? null : failureNote(detail), this.deps.now())) throw new StudioFailure('not_found', { key: 'drafts.gone' });
    this.deps.onChanged({ draftId: id, change: 'updated' });
    return this.get(id);
  }

  find(id: DraftId): Draft | null {
    return this.deps.repository.get(id);
  }

  withStatus(status: DraftStatus): Draft[] {
    return this.deps.repository.withStatus(status);
  }

  // ---------- photos taken in the Studio (try-on) ----------

  /**
   * Saves a composited try-on frame (PNG or JPEG bytes) as a photo draft, recording the item and shade
   * worn (the current layer, which a post targets) and, when given, the whole look (issue 16 §2).
   */
  async savePhoto(photo: Readonly<{ bytes: Uint8Array; title: string; itemId: string | null; attributeId: string | null; look?: readonly LookLayerIds[] | undefined }>): Promise<Draft> {
    const media = ImportSessions.sniffHead(photo.bytes.subarray(0, SNIFF_BYTES), 'photo');
    if (media.mimeType !== 'image/png' && media.mimeType !== 'image/jpeg') throw new StudioFailure('unsupported_media', { key: 'drafts.photoType' });
    const now = this.deps.now();
    const id = newId('drf', now) as DraftId;
    const dir = this.deps.files.dirOf(id);
    const mediaFile = `photo.${media.extension}`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, mediaFile), photo.bytes);
      const { facts, thumbnailFile } = await this.describe(path.join(dir, mediaFile), dir, media, mediaFile, photo.title);
      const draft = newDraft({
        id,
        kind: 'photo',
        title: photo.title,
        now,
        mediaFile,
        thumbnailFile,
        mimeType: media.mimeType,
        sizeBytes: photo.bytes.byteLength,
        width: facts.width,
        height: facts.height,
        itemId: photo.itemId,
        attributeId: photo.attributeId,
        look: photo.look ?? [],
      });
      this.deps.repository.insert(draft);
      this.deps.onChanged({ draftId: id, change: 'created' });
      return draft;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      if (error instanceof StudioFailure) throw error;
      throw new StudioFailure('io_error', { key: 'drafts.photoNotSaved', params: { reason: (error as Error).message } });
    }
  }

  close(): void {
    this.imports.close();
  }
}
