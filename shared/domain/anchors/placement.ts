import type { BodyArea } from '../../catalog/schema';

/** A point in normalised frame coordinates (0..1 of width and height). */
export interface FramePoint {
  readonly x: number;
  readonly y: number;
}

/** A face box sample from the recording's journal (normalised, media time `t` in ms). */
export interface FaceSample {
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Where an anchor sits relative to the face box, in face widths/heights from the box's top-left. */
interface AreaSpot {
  /** The item itself on the face (lips, eyes …), as a fraction of the box. */
  readonly item: FramePoint;
  /** The preset offset from the item to its anchor, in face widths (x) and heights (y). */
  readonly offset: FramePoint;
}

/**
 * Per body area: where the item is worn and where its anchor goes, so the chip points at the product
 * without covering it: beside the lips for a lipstick, above the head for a hat.
 */
const SPOTS: Readonly<Record<BodyArea, AreaSpot>> = {
  lips: { item: { x: 0.5, y: 0.78 }, offset: { x: 0.42, y: 0 } },
  eyes: { item: { x: 0.5, y: 0.4 }, offset: { x: 0.5, y: -0.08 } },
  cheeks: { item: { x: 0.75, y: 0.62 }, offset: { x: 0.3, y: 0 } },
  head: { item: { x: 0.5, y: 0.02 }, offset: { x: 0, y: -0.28 } },
  face: { item: { x: 0.5, y: 0.42 }, offset: { x: 0.52, y: 0 } },
};

/** The most an anchor may sit from its item, in face widths: farther and it no longer reads as "this". */
export const MAX_ANCHOR_DISTANCE = 0.6;

/** Chips keep this far from the frame's edge (so the whole chip stays visible). */
export const EDGE_MARGIN = 0.04;

export const clampToFrame = (p: FramePoint, margin = EDGE_MARGIN): FramePoint => ({
  x: Math.min(1 - margin, Math.max(margin, p.x)),
  y: Math.min(1 - margin, Math.max(margin, p.y)),
});

/**
 * The face box representing a time window: the per-coordinate median of the samples inside it (a
 * few bad detections do not drag the anchor off). Null when the face was never seen in the window.
 */
export function typicalFace(samples: readonly FaceSample[], startMs: number, endMs: number): Omit<FaceSample, 't'> | null {
  const inside = samples.filter((s) => s.t >= startMs && s.t <= endMs && s.w > 0 && s.h > 0);
  if (inside.length === 0) return null;
  const median = (values: number[]): number => {
    const sorted = values.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  return {
    x: median(inside.map((s) => s.x)),
    y: median(inside.map((s) => s.y)),
    w: median(inside.map((s) => s.w)),
    h: median(inside.map((s) => s.h)),
  };
}

/** Where the item itself is worn within a face box. */
export function itemPoint(area: BodyArea, face: Omit<FaceSample, 't'>): FramePoint {
  const spot = SPOTS[area];
  return { x: face.x + spot.item.x * face.w, y: face.y + spot.item.y * face.h };
}

export type AutoPlacement = { readonly placement: 'near-item'; readonly point: FramePoint; readonly item: FramePoint } | { readonly placement: 'background'; readonly point: FramePoint };

/** With no face in the journal (an imported video): a spot on the background, right of centre. */
export const BACKGROUND_SPOT: FramePoint = { x: 0.8, y: 0.3 };

/**
 * The target anchor's automatic place: the preset offset from the item on the typical face of the
 * window. When the frame edge pushes it back, the anchor flips to the other side of the item, so it
 * stays within MAX_ANCHOR_DISTANCE instead of landing on the item itself.
 */
export function autoPlace(area: BodyArea, samples: readonly FaceSample[], startMs: number, endMs: number): AutoPlacement {
  const face = typicalFace(samples, startMs, endMs);
  if (!face) return { placement: 'background', point: BACKGROUND_SPOT };
  const item = itemPoint(area, face);
  const { offset } = SPOTS[area];
  const at = (sign: number): FramePoint => ({ x: item.x + sign * offset.x * face.w, y: item.y + sign * offset.y * face.h });
  const preferred = at(1);
  const clamped = clampToFrame(preferred);
  const moved = Math.hypot(clamped.x - preferred.x, clamped.y - preferred.y);
  const point = moved > 0.25 * Math.hypot(offset.x * face.w, offset.y * face.h) ? clampToFrame(at(-1)) : clamped;
  return { placement: 'near-item', point, item };
}

/** Distance from the anchor to its item in face widths (the unit of MAX_ANCHOR_DISTANCE). */
export function distanceInFaceWidths(anchor: FramePoint, item: FramePoint, faceWidth: number): number {
  return faceWidth > 0 ? Math.hypot(anchor.x - item.x, anchor.y - item.y) / faceWidth : Infinity;
}

/**
 * Turns a pointer position over the preview (pixels within its box) into a frame point, clamped so
 * a drop past the edge keeps the chip on the frame.
 */
export function pointFromPointer(px: number, py: number, width: number, height: number): FramePoint {
  if (width <= 0 || height <= 0) return { x: 0.5, y: 0.5 };
  return clampToFrame({ x: px / width, y: py / height });
}

/**
 * Spots for associated anchors: a column down the side opposite the target, so chips never stack
 * on each other or on the target.
 */
export function associatedSpots(count: number, target: FramePoint | null): FramePoint[] {
  const x = target && target.x > 0.5 ? 0.16 : 0.84;
  const step = count <= 1 ? 0 : Math.min(0.14, 0.7 / (count - 1));
  const top = count <= 1 ? 0.5 : 0.5 - (step * (count - 1)) / 2;
  return Array.from({ length: count }, (_, i) => clampToFrame({ x, y: top + i * step }));
}

/** Outwards needs at least this much of the frame's width to show a useful label. */
const MIN_LABEL_ROOM = 0.2;

/**
 * Which way a chip's label runs from its point, and how much of the frame's width it may take:
 * outwards (away from the middle, where the face and the item usually are) when there is room,
 * else inwards; the label is cut to the room so it never runs off the frame.
 */
export function chipLayout(x: number): { readonly side: 'left' | 'right'; readonly room: number } {
  const outward = x >= 0.5 ? 'right' : 'left';
  const outwardRoom = x >= 0.5 ? 1 - x : x;
  if (outwardRoom >= MIN_LABEL_ROOM) return { side: outward, room: outwardRoom };
  return { side: outward === 'right' ? 'left' : 'right', room: 1 - outwardRoom };
}
