import { z } from 'zod';
import { KeyedText } from './keyed-text';
import { DraftId } from './ids';
import { LookIds, type LookLayerIds } from './tryon/look-ids';

export const DraftKind = z.enum(['photo', 'video']);
export type DraftKind = z.output<typeof DraftKind>;

/** recording → (recovered) → exporting → ready | failed; imports land as ready. */
export const DraftStatus = z.enum(['recording', 'recovered', 'exporting', 'ready', 'failed']);
export type DraftStatus = z.output<typeof DraftStatus>;

export const DRAFT_TITLE_MAX = 120;

export const DraftTitle = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'A title cannot be empty').max(DRAFT_TITLE_MAX, `A title has at most ${DRAFT_TITLE_MAX} characters`));

export const Draft = z.object({
  id: DraftId,
  kind: DraftKind,
  title: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** File name inside the draft's own folder; served at `media/drafts/<id>/<file>`. */
  mediaFile: z.string(),
  thumbnailFile: z.string().nullable(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  itemId: z.string().nullable(),
  attributeId: z.string().nullable(),
  /** The whole look a photo was taken in (itemId/attributeId are its current layer); empty for a single item or none. */
  look: LookIds,
  status: DraftStatus,
  /** Failure reason, or progress text while exporting: English (logs, and the fallback shown). */
  statusDetail: z.string().nullable(),
  /** The same detail as a key of the studio's failure catalog and its params, when it is one: the renderer says it in the user's language. */
  statusKey: KeyedText.nullable(),
});
export type Draft = z.output<typeof Draft>;

/** What a new draft needs; everything else starts empty (no file facts yet, ready, no item). */
export type NewDraft = Readonly<{
  id: DraftId;
  kind: DraftKind;
  title: string;
  now: number;
  mediaFile: string;
  mimeType: string;
  thumbnailFile?: string | null;
  sizeBytes?: number;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  itemId?: string | null;
  attributeId?: string | null;
  look?: readonly LookLayerIds[];
  status?: DraftStatus;
  statusDetail?: string | null;
  statusKey?: KeyedText | null;
}>;

/** Collapses whitespace and keeps a title within DRAFT_TITLE_MAX; an empty one becomes "Untitled". */
export function clampTitle(title: string): string {
  const cleaned = title.trim().replace(/\s+/g, ' ').slice(0, DRAFT_TITLE_MAX).trim();
  return cleaned.length > 0 ? cleaned : 'Untitled';
}

/** The one draft constructor (imports, takes, photos). */
export function newDraft(f: NewDraft): Draft {
  return {
    id: f.id,
    kind: f.kind,
    title: clampTitle(f.title),
    createdAt: f.now,
    updatedAt: f.now,
    mediaFile: f.mediaFile,
    thumbnailFile: f.thumbnailFile ?? null,
    mimeType: f.mimeType,
    sizeBytes: f.sizeBytes ?? 0,
    width: f.width ?? null,
    height: f.height ?? null,
    durationMs: f.durationMs ?? null,
    itemId: f.itemId ?? null,
    attributeId: f.attributeId ?? null,
    look: f.look ? f.look.map((l) => ({ itemId: l.itemId, attributeId: l.attributeId, intensity: l.intensity })) : [],
    status: f.status ?? 'ready',
    statusDetail: f.statusDetail ?? null,
    statusKey: f.statusKey ?? null,
  };
}

/** The platform MP4 exists for this draft: it can be posted as it is. */
export function isExported(draft: Pick<Draft, 'kind' | 'mimeType' | 'mediaFile'>): boolean {
  return draft.kind === 'video' && draft.mimeType === 'video/mp4' && draft.mediaFile.startsWith('export');
}

/** A video draft may be (re-)exported unless a take is still recording or an export is running. */
export function canExport(draft: Pick<Draft, 'kind' | 'status'>): boolean {
  return draft.kind === 'video' && draft.status !== 'recording' && draft.status !== 'exporting';
}

/** The relative URL a draft's file is served at, on either transport (app:// or http://127.0.0.1). */
export function draftMediaUrl(id: DraftId, file: string): string {
  return `media/drafts/${encodeURIComponent(id)}/${encodeURIComponent(file)}`;
}

/** Newest first, with a stable tie-break so the grid does not jump. */
export function sortDrafts(drafts: readonly Draft[]): Draft[] {
  return [...drafts].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A default title from an imported file's name: extension dropped, separators as spaces. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]{1,8}$/, '');
  const cleaned = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  const title = cleaned.length > 0 ? cleaned : 'Untitled';
  return title.slice(0, DRAFT_TITLE_MAX);
}
