import { subjectKey, timeRange, type AnchorSet } from '@shared/domain/anchors/anchor-set';
import type { StickerInput } from '@shared/ipc/nouns/sync';
import type { Result } from '@shared/ipc/result';
import type { DraftId } from '@shared/domain/ids';
import { studioClient } from '../../client/studio-client';
import { mediaSrc } from '../../recording/export-progress-store';

const SCALE = 3;

/**
 * Each anchor chip as the preview shows it, drawn into a PNG (without the selection ring): its
 * top-left corner and width measured on the preview as fractions of the frame, so ffmpeg draws it
 * at the same place on the video, over the anchor's time range.
 */
export function chipPictures(stage: HTMLElement, anchors: AnchorSet, durationMs: number) {
  const box = stage.getBoundingClientRect();
  const all = [...(anchors.target ? [anchors.target] : []), ...anchors.associated];
  return all.flatMap((a) => {
    const chip = stage.querySelector<HTMLElement>(`[data-key="${CSS.escape(subjectKey(a))}"]`);
    if (!chip || box.width === 0) return [];
    const r = chip.getBoundingClientRect();
    const style = getComputedStyle(chip);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(r.width * SCALE);
    canvas.height = Math.ceil(r.height * SCALE);
    const g = canvas.getContext('2d')!;
    g.scale(SCALE, SCALE);
    g.beginPath();
    g.roundRect(0.5, 0.5, r.width - 1, r.height - 1, r.height / 2);
    g.fillStyle = style.backgroundColor;
    g.fill();
    g.lineWidth = 1;
    g.strokeStyle = style.borderTopColor;
    g.stroke();
    g.fillStyle = style.color;
    g.font = `600 12px ${style.fontFamily}`;
    g.textBaseline = 'middle';
    const left = chip.classList.contains('anchor-chip--left');
    g.fillText(fitted(g, a.label, left, r.width - 20), 10, r.height / 2 + 0.5);
    const range = timeRange(a, durationMs);
    return [{ png: canvas.toDataURL('image/png'), x: (r.left - box.left) / box.width, y: (r.top - box.top) / box.height, width: r.width / box.width, startMs: range.startMs, endMs: range.endMs }];
  });
}

/** The chip's text cut with an ellipsis to its width, as the preview's CSS does (not squeezed). */
function fitted(g: CanvasRenderingContext2D, label: string, left: boolean, room: number): string {
  const text = (l: string): string => (left ? `${l} ⚓` : `⚓ ${l}`);
  if (g.measureText(text(label)).width <= room) return text(label);
  const chars = [...label];
  while (chars.length > 1 && g.measureText(text(`${chars.join('')}…`)).width > room) chars.pop();
  return text(`${chars.join('')}…`);
}

export type SaveOutcome = { readonly kind: 'saved'; readonly path: string } | { readonly kind: 'downloaded'; readonly fileName: string } | { readonly kind: 'cancelled' };

/** "Save to disk": the desktop app asks for a folder and writes there; the browser host downloads the file. */
export async function saveAnchored(draftId: DraftId, chips: ReturnType<typeof chipPictures>, stickers: readonly StickerInput[]): Promise<Result<SaveOutcome>> {
  const result = await studioClient().sync.saveAnchored({ draftId, chips, ...(stickers.length > 0 ? { stickers: [...stickers] } : {}) });
  if (!result.ok) return result;
  const saved = result.value;
  if (saved.cancelled) return { ok: true, value: { kind: 'cancelled' } };
  if (saved.savedTo) return { ok: true, value: { kind: 'saved', path: saved.savedTo } };
  const link = document.createElement('a');
  link.href = mediaSrc(saved.mediaUrl);
  link.download = saved.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  return { ok: true, value: { kind: 'downloaded', fileName: saved.fileName } };
}
