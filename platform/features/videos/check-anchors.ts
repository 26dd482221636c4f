import type { z } from 'zod';
import type { AnchorInput, MediaKind } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import type { CatalogLookup } from '../catalog/service';

type AnchorIn = z.output<typeof AnchorInput>;

/** Slack for a client whose idea of the duration differs from ffprobe's by a frame or so; endMs is clamped. */
const END_SLACK_MS = 250;

/**
 * Anchors must name catalog items (the main one, one of its attributes, and any extra items) and,
 * once the media is known, lie within the video. Called twice: items before the (slow) probe,
 * times after it. An image post has no timeline: its anchors' times are not checked (stored 0/0).
 */
export async function checkAnchors(catalog: CatalogLookup, anchors: readonly AnchorIn[], media: { readonly kind: MediaKind; readonly durationMs: number } | null): Promise<void> {
  if (media === null) {
    const items = await catalog.byIds(anchors.flatMap((a) => [a.itemId, ...(a.extraItemIds ?? [])]));
    anchors.forEach((a, i) => {
      const item = items.get(a.itemId);
      if (!item) throw new ApiError('invalid_anchor', `anchors.${i}.itemId: no catalog item "${a.itemId}"`);
      if (a.attributeId !== undefined && !item.attributes.some((attr) => attr.id === a.attributeId)) {
        throw new ApiError('invalid_anchor', `anchors.${i}.attributeId: "${item.name}" has no attribute "${a.attributeId}"`);
      }
      (a.extraItemIds ?? []).forEach((id, j) => {
        if (!items.has(id)) throw new ApiError('invalid_anchor', `anchors.${i}.extraItemIds.${j}: no catalog item "${id}"`);
      });
    });
    return;
  }
  if (media.kind === 'image') return;
  const { durationMs } = media;
  anchors.forEach((a, i) => {
    if (a.startMs === 0 && a.endMs === 0) return;
    if (a.startMs >= durationMs) throw new ApiError('invalid_anchor', `anchors.${i}.startMs: ${a.startMs} ms is at or after the end of the video (${durationMs} ms)`);
    if (a.endMs > durationMs + END_SLACK_MS) throw new ApiError('invalid_anchor', `anchors.${i}.endMs: ${a.endMs} ms is after the end of the video (${durationMs} ms)`);
  });
}

/** The range stored for a checked anchor: 0/0 on an image; on a video 0/0 becomes the whole video and the end is clamped. */
export function storedRange(a: Pick<AnchorIn, 'startMs' | 'endMs'>, media: { readonly kind: MediaKind; readonly durationMs: number }): { start_ms: number; end_ms: number } {
  if (media.kind === 'image') return { start_ms: 0, end_ms: 0 };
  if (a.startMs === 0 && a.endMs === 0) return { start_ms: 0, end_ms: media.durationMs };
  return { start_ms: a.startMs, end_ms: Math.min(a.endMs, media.durationMs) };
}
