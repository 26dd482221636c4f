import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { draftMediaUrl, type Draft } from '@shared/domain/drafts';
import type { DraftId } from '@shared/domain/ids';
import { lookDuring, parseJournal, type JournalEntry } from '@shared/domain/recording/journal';
import { LOOK_LAYERS_MAX } from '@shared/domain/tryon/look-ids';
import type { PostingKit } from '@shared/ipc/platform-schemas';
import { StudioFailure } from '@shared/ipc/result';
import type { FailureText } from '@shared/ipc/failure-text';
import type { ChipPicture, StickerInput } from '@shared/ipc/nouns/sync';
import type { DraftsService } from '../drafts/drafts-service';
import { burnStickers, isPng, type BurnSticker, type BurnTools } from '../ffmpeg/sticker-burn';
import { frameTimes } from '../media/export-plan';
import { JOURNAL_FILE } from '../recording/capture-files';
import { EXPORT_BASE } from '../takes/export-source';

const POSTABLE = /^video\/(mp4|webm|quicktime)/;
/** What the platform takes as an image post (IMAGE_POST_LIMITS: sniffed from the bytes there too). */
const POSTABLE_IMAGE = /^image\/(jpeg|png|webp)$/;

/** What the posting page shows and what a post uploads: the draft's exported MP4, its cover candidates and the take's journal. */
export class PostingSource {
  constructor(
    private readonly drafts: DraftsService,
    /** ffmpeg for stickers; null while none is found. */
    private readonly tools: () => Promise<BurnTools | null> = async () => null,
  ) {}

  /**
   * The file a post with stickers uploads: a copy of `file` with the stickers burned in, written
   * beside the draft (`post-<uuid>.mp4`, one per post, so a queued post's file is never rewritten).
   */
  withStickers(draftId: DraftId, file: string, stickers: readonly StickerInput[]): Promise<string> {
    return this.burn(draftId, file, stickers.map(stickerPicture), 'post');
  }

  /**
   * "Save to disk": `file` with the anchor chips drawn in at their places, each only over its time
   * range, and the stickers; written beside the draft as `anchors-<uuid>.mp4`.
   */
  withAnchors(draftId: DraftId, file: string, chips: readonly ChipPictureInput[], stickers: readonly StickerInput[]): Promise<string> {
    const chipPictures = chips.map((c): BurnSticker => ({ png: pngOf(c.png, { key: 'posting.chipNotPng' }), x: c.x, y: c.y, width: c.width, origin: 'top-left', fromMs: c.startMs, toMs: c.endMs }));
    return this.burn(draftId, file, [...stickers.map(stickerPicture), ...chipPictures], 'anchors');
  }

  private async burn(draftId: DraftId, file: string, pictures: readonly BurnSticker[], prefix: 'post' | 'anchors'): Promise<string> {
    const tools = await this.tools();
    if (!tools) throw new StudioFailure('unavailable', { key: 'posting.needsFfmpeg' });
    // A photo keeps being a photo: the stickers go into a PNG, an image post like the original.
    const still = this.drafts.get(draftId).kind === 'photo';
    const output = path.join(this.drafts.folderOf(draftId), `${prefix}-${randomUUID()}.${still ? 'png' : 'mp4'}`);
    try {
      await burnStickers(tools, file, pictures, output);
    } catch (error) {
      throw new StudioFailure('io_error', { key: 'posting.stickersFailed', params: { reason: error instanceof Error ? error.message : String(error) } });
    }
    return output;
  }

  kit(draftId: DraftId): PostingKit {
    const draft = this.drafts.get(draftId);
    const file = this.postFile(draft);
    const dir = this.drafts.folderOf(draftId);
    const durationMs = draft.durationMs ?? 0;
    const times = frameTimes(durationMs).covers;
    const covers = readdirSync(dir)
      .map((name) => /^export\.cover-(\d)\.jpg$/.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]))
      .map((m) => ({ url: draftMediaUrl(draftId, m[0]), timeMs: times[Number(m[1]) - 1] ?? 0 }));
    const journal = readJournal(dir);
    const worn = longestWorn(journal, durationMs);
    return {
      // A take's look is in its journal, not its draft row (which has the photo's): the posting page
      // links the look's other items to the target from `draft.look` for both (lookDuring says why
      // every item worn during the take, not the look at one moment). An older take that switched
      // items more often than a look has layers keeps the first worn: a Draft's look is a LookIds.
      draft: journal.length > 0 && draft.kind === 'video' ? { ...draft, look: lookDuring(journal).slice(0, LOOK_LAYERS_MAX) } : draft,
      mediaUrl: draftMediaUrl(draftId, path.basename(file)),
      covers,
      durationMs,
      itemId: worn?.itemId ?? draft.itemId,
      attributeId: worn ? worn.attributeId : draft.attributeId,
      faces: journal.flatMap((e) => (e.type === 'face' ? [{ t: e.t, x: e.x, y: e.y, w: e.w, h: e.h }] : [])),
    };
  }

  /** The file a post uploads: a photo draft's picture as it is (an image post), else the video's upload file. */
  postFile(draft: Draft): string {
    if (draft.kind !== 'photo') return this.uploadFile(draft);
    if (!POSTABLE_IMAGE.test(draft.mimeType)) throw new StudioFailure('unsupported_media', { key: 'posting.photoType' });
    return path.join(this.drafts.folderOf(draft.id), draft.mediaFile);
  }

  /** The file a post uploads: the platform MP4 of the last export, else an imported video as it is. */
  uploadFile(draft: Draft): string {
    if (draft.kind !== 'video') throw new StudioFailure('unsupported', { key: 'posting.videoOnly' });
    if (draft.status !== 'ready') throw new StudioFailure('conflict', notPostableReason(draft));
    const dir = this.drafts.folderOf(draft.id);
    const exported = path.join(dir, `${EXPORT_BASE}.mp4`);
    if (existsSync(exported)) return exported;
    if (!POSTABLE.test(draft.mimeType)) throw new StudioFailure('unsupported_media', { key: 'posting.mustExport' });
    return path.join(dir, draft.mediaFile);
  }
}

type ChipPictureInput = z.output<typeof ChipPicture>;

function pngOf(dataUrl: string, notPng: FailureText): Buffer {
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (!isPng(png)) throw new StudioFailure('invalid_input', notPng);
  return png;
}

const stickerPicture = (s: StickerInput): BurnSticker => ({ png: pngOf(s.png, { key: 'posting.stickerNotPng', params: { name: s.name } }), x: s.x, y: s.y, width: s.width });

function readJournal(dir: string): readonly JournalEntry[] {
  const file = path.join(dir, JOURNAL_FILE);
  return existsSync(file) ? parseJournal(readFileSync(file, 'utf8')).entries : [];
}

/** The item (and its last shade) worn for the most media time: the take's subject, the target anchor's item. */
export function longestWorn(entries: readonly JournalEntry[], durationMs: number): { itemId: string; attributeId: string | null } | null {
  const totals = new Map<string, { ms: number; attributeId: string | null }>();
  let current: { itemId: string | null; attributeId: string | null } = { itemId: null, attributeId: null };
  let since = 0;
  const close = (t: number): void => {
    if (!current.itemId) return;
    const prev = totals.get(current.itemId);
    totals.set(current.itemId, { ms: (prev?.ms ?? 0) + Math.max(0, t - since), attributeId: current.attributeId });
  };
  for (const e of entries) {
    if (e.type === 'start' || e.type === 'attribute' || e.type === 'item') {
      close(e.t);
      current = { itemId: e.itemId, attributeId: e.type === 'item' ? null : e.attributeId };
      since = e.t;
    }
  }
  close(Math.max(since, durationMs));
  let best: { itemId: string; attributeId: string | null } | null = null;
  let bestMs = -1;
  for (const [itemId, { ms, attributeId }] of totals) {
    if (ms > bestMs) {
      best = { itemId, attributeId };
      bestMs = ms;
    }
  }
  return best;
}

/** Why a draft that is not ready cannot be posted yet, in the words the user acts on. */
function notPostableReason(draft: Draft): FailureText {
  switch (draft.status) {
    case 'exporting':
      return { key: 'posting.stillExporting' };
    case 'failed':
      return draft.statusDetail ? { key: 'posting.failedDraft', params: { reason: draft.statusDetail } } : { key: 'posting.recordingFailed' };
    case 'recording':
      return { key: 'posting.stillRecording' };
    default:
      return { key: 'posting.notExported' };
  }
}
