import { isWholePost } from '@shared/domain/anchors/shown-at';
import type { Anchor } from '@shared/protocol/videos';

/**
 * The anchors on screen at `timeMs` (start inclusive, end exclusive; 0/0, every anchor of an image
 * post, always), the target first, then the associated ones in their start order, as the video page
 * lays them out.
 */
export function anchorsAt(anchors: readonly Anchor[], timeMs: number): Anchor[] {
  return sortAnchors(anchors.filter((a) => isWholePost(a) || (a.startMs <= timeMs && timeMs < a.endMs)));
}

/** Target first, then by start time (and id, so the order is stable). */
export function sortAnchors(anchors: readonly Anchor[]): Anchor[] {
  return [...anchors].sort((a, b) => (a.role === b.role ? a.startMs - b.startMs || a.id.localeCompare(b.id) : a.role === 'target' ? -1 : 1));
}

/** Where an anchor's chip sits, in percent of the frame, kept inside it so a chip at an edge stays tappable. */
export function chipPosition(anchor: Pick<Anchor, 'x' | 'y'>): { readonly left: string; readonly top: string } {
  const clamp = (v: number): number => Math.min(0.95, Math.max(0.05, v));
  return { left: `${(clamp(anchor.x) * 100).toFixed(2)}%`, top: `${(clamp(anchor.y) * 100).toFixed(2)}%` };
}

/** "0:01–0:03" for the anchor list; null for an anchor shown the whole time (an image post's). */
export function rangeText(anchor: Pick<Anchor, 'startMs' | 'endMs'>): string | null {
  if (isWholePost(anchor)) return null;
  const clock = (ms: number): string => {
    const s = Math.floor(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  return `${clock(anchor.startMs)}–${clock(anchor.endMs)}`;
}
