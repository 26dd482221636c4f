import type { z } from 'zod';
import type { AnchorInput } from '@shared/protocol/index';
import { ApiError } from '../../kernel/http/api-error';
import type { CatalogLookup } from '../catalog/service';

/** Slack for a client whose idea of the duration differs from ffprobe's by a frame or so; endMs is clamped. */
const END_SLACK_MS = 250;

/**
 * Anchors must name a catalog item (and one of its attributes) and, once the duration is known,
 * lie within the video. Called twice: items before the (slow) probe, times after it.
 */
export async function checkAnchors(catalog: CatalogLookup, anchors: readonly z.output<typeof AnchorInput>[], durationMs: number | null): Promise<void> {
  if (durationMs === null) {
    const items = await catalog.byIds(anchors.map((a) => a.itemId));
    anchors.forEach((a, i) => {
      const item = items.get(a.itemId);
      if (!item) throw new ApiError('invalid_anchor', `anchors.${i}.itemId: no catalog item "${a.itemId}"`);
      if (a.attributeId !== undefined && !item.attributes.some((attr) => attr.id === a.attributeId)) {
        throw new ApiError('invalid_anchor', `anchors.${i}.attributeId: "${item.name}" has no attribute "${a.attributeId}"`);
      }
    });
    return;
  }
  anchors.forEach((a, i) => {
    if (a.startMs >= durationMs) throw new ApiError('invalid_anchor', `anchors.${i}.startMs: ${a.startMs} ms is after the end of the video (${durationMs} ms)`);
    if (a.endMs > durationMs + END_SLACK_MS) throw new ApiError('invalid_anchor', `anchors.${i}.endMs: ${a.endMs} ms is after the end of the video (${durationMs} ms)`);
  });
}
