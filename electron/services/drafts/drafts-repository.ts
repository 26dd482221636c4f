import type Database from 'better-sqlite3';
import { Draft, type DraftStatus } from '@shared/domain/drafts';
import { LookIds, type LookLayerIds } from '@shared/domain/tryon/look-ids';
import { keyedTextJson, parseKeyedText } from '@shared/domain/keyed-text';
import type { FailureNote } from '@shared/ipc/failure-text';
import type { DraftId } from '@shared/domain/ids';

interface DraftRow {
  id: string;
  kind: string;
  title: string;
  created_at: number;
  updated_at: number;
  media_file: string;
  thumbnail_file: string | null;
  mime_type: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  item_id: string | null;
  attribute_id: string | null;
  look_json: string | null;
  status: string;
  status_detail: string | null;
  status_detail_key: string | null;
}

/** The file-describing columns of a draft, replaced together when a take or an export lands. */
export type DraftMedia = Pick<Draft, 'mediaFile' | 'thumbnailFile' | 'mimeType' | 'sizeBytes' | 'width' | 'height' | 'durationMs'>;

/** NULL (older rows, single items) reads as no look; a row is never made unreadable by its look. */
function lookFromJson(json: string | null): LookLayerIds[] {
  if (json === null) return [];
  try {
    const parsed = LookIds.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const lookJson = (look: readonly LookLayerIds[]): string | null => (look.length === 0 ? null : JSON.stringify(look));

const fromRow = (row: DraftRow): Draft =>
  Draft.parse({
    id: row.id,
    kind: row.kind,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    mediaFile: row.media_file,
    thumbnailFile: row.thumbnail_file,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    itemId: row.item_id,
    attributeId: row.attribute_id,
    look: lookFromJson(row.look_json),
    status: row.status,
    statusDetail: row.status_detail,
    // A key is only meaningful beside its sentence.
    statusKey: row.status_detail === null ? null : parseKeyedText(row.status_detail_key),
  });

/** Owns the drafts table's SQL; knows nothing about files. */
export class DraftsRepository {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      list: db.prepare<[], DraftRow>('SELECT * FROM drafts ORDER BY created_at DESC, id'),
      get: db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, thumbnail_file, mime_type, size_bytes, width, height, duration_ms, item_id, attribute_id, look_json, status, status_detail, status_detail_key)
         VALUES (@id, @kind, @title, @createdAt, @updatedAt, @mediaFile, @thumbnailFile, @mimeType, @sizeBytes, @width, @height, @durationMs, @itemId, @attributeId, @lookJson, @status, @statusDetail, @statusKeyJson)`,
      ),
      rename: db.prepare<[string, number, string]>('UPDATE drafts SET title = ?, updated_at = ? WHERE id = ?'),
      setStatus: db.prepare<[string, string | null, string | null, number, string]>('UPDATE drafts SET status = ?, status_detail = ?, status_detail_key = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare<[string]>('DELETE FROM drafts WHERE id = ?'),
      setMedia: db.prepare(
        `UPDATE drafts SET media_file = @mediaFile, thumbnail_file = @thumbnailFile, mime_type = @mimeType, size_bytes = @sizeBytes, width = @width, height = @height,
         duration_ms = @durationMs, status = @status, status_detail = @statusDetail, status_detail_key = @statusKeyJson, updated_at = @updatedAt WHERE id = @id`,
      ),
      byStatus: db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE status = ? ORDER BY created_at'),
    };
  }

  list(): Draft[] {
    return this.stmts.list.all().map(fromRow);
  }

  get(id: DraftId): Draft | null {
    const row = this.stmts.get.get(id);
    return row ? fromRow(row) : null;
  }

  insert(draft: Draft): void {
    this.stmts.insert.run({ ...draft, lookJson: lookJson(draft.look), statusKeyJson: keyedTextJson(draft.statusKey) });
  }

  rename(id: DraftId, title: string, now: number): boolean {
    return this.stmts.rename.run(title, now, id).changes === 1;
  }

  setStatus(id: DraftId, status: DraftStatus, detail: FailureNote | null, now: number): boolean {
    return this.stmts.setStatus.run(status, detail?.message ?? null, keyedTextJson(detail), now, id).changes === 1;
  }

  /** A take or export replaced the draft's file: its facts and status change together. */
  setMedia(id: DraftId, media: DraftMedia, status: DraftStatus, detail: FailureNote | null, now: number): boolean {
    return this.stmts.setMedia.run({ id, ...media, status, statusDetail: detail?.message ?? null, statusKeyJson: keyedTextJson(detail), updatedAt: now }).changes === 1;
  }

  withStatus(status: DraftStatus): Draft[] {
    return this.stmts.byStatus.all(status).map(fromRow);
  }

  remove(id: DraftId): boolean {
    return this.stmts.remove.run(id).changes === 1;
  }
}
