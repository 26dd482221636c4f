import { chipLayout, clampToFrame, type FramePoint } from './placement';

/** A box in normalised frame coordinates (0..1), e.g. the typical face of a take. */
export interface FrameBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * How much of the frame a chip takes, as the posting page and Discover draw it: the ⚓ on its point,
 * the label running to one side (chipLayout). A label is cut to CHIP_WIDTH at most on a portrait
 * preview; measured chips are 110–190 px on a 320–360 px wide preview, so 0.32 covers the long ones.
 */
export const CHIP_WIDTH = 0.32;
/** A chip is ~24 px tall on a ~600 px preview; the extra keeps a gap between stacked chips. */
export const CHIP_HEIGHT = 0.06;
/** Chips keep this much clear of the face box on every side. */
export const FACE_MARGIN = 0.02;

/** The box a chip covers when its point is at `p` (the label runs the way chipLayout says). */
export function chipBox(p: FramePoint): FrameBox {
  const { side, room } = chipLayout(p.x);
  const w = Math.min(room, CHIP_WIDTH);
  const anchor = 0.03; // the ⚓ glyph on the point's own side
  const x = side === 'right' ? p.x - anchor : p.x - w;
  return { x, y: p.y - CHIP_HEIGHT / 2, w: w + anchor, h: CHIP_HEIGHT };
}

export const overlaps = (a: FrameBox, b: FrameBox): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const grow = (b: FrameBox, m: number): FrameBox => ({ x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m });

const STEP = 0.02;

/**
 * Spots for `count` associated anchors on a take where the face was seen: each chip (its whole
 * label, not just its point) clear of the face box, of the target's chip and of the others, as near
 * the target as that allows, so they read as a group beside it. With no target the group forms
 * beside the face. Greedy over a 2 %-grid of the frame: nearest free spot first.
 * When no spot is clear (a face filling the frame), the rest go where they overlap the face least.
 */
export function spotsClearOfFace(count: number, target: FramePoint | null, face: FrameBox): FramePoint[] {
  const avoid = grow(face, FACE_MARGIN);
  const taken: FrameBox[] = target ? [chipBox(target)] : [];
  const home = target ?? clampToFrame({ x: face.x + face.w + FACE_MARGIN + 0.04, y: face.y + face.h / 2 });
  const candidates: FramePoint[] = [];
  for (let y = 0.06; y <= 0.94 + 1e-9; y += STEP) for (let x = 0.06; x <= 0.94 + 1e-9; x += STEP) candidates.push({ x: round(x), y: round(y) });
  // Vertical distance counts a little more: a column beside the target reads better than a row through it.
  const cost = (p: FramePoint): number => Math.hypot(p.x - home.x, 1.2 * (p.y - home.y));
  candidates.sort((a, b) => cost(a) - cost(b));
  const spots: FramePoint[] = [];
  for (let i = 0; i < count; i++) {
    const free = candidates.find((p) => {
      const box = chipBox(p);
      return !overlaps(box, avoid) && !taken.some((t) => overlaps(box, t));
    });
    const spot = free ?? leastOverFace(candidates, avoid, taken);
    spots.push(spot);
    taken.push(chipBox(spot));
  }
  return spots;
}

function leastOverFace(candidates: readonly FramePoint[], face: FrameBox, taken: readonly FrameBox[]): FramePoint {
  let best = candidates[0]!;
  let bestArea = Infinity;
  for (const p of candidates) {
    const box = chipBox(p);
    if (taken.some((t) => overlaps(box, t))) continue;
    const area = overlapArea(box, face);
    if (area < bestArea) {
      best = p;
      bestArea = area;
    }
  }
  return best;
}

export function overlapArea(a: FrameBox, b: FrameBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;
