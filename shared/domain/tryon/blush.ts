/**
 * Blush shaped along the cheekbone (issue 16 §3): an elongated soft wash that is deepest just outside
 * the apple of the cheek and fades along the cheekbone toward the temple, built from the landmarks
 * each frame (image pixels). On MediaPipe's canonical face the apple (50 / 280) and the cheekbone
 * under the temple (227 / 447) are ~2.9 cm apart, 30° above the horizontal; the wash runs from 0.6 of
 * that before the apple to 227 (~4.7 cm) and is at most ~2.9 cm tall, its outer half a long fade. Its
 * height toward the eye is capped at 0.7 of the lower lid's distance from the apple → temple axis on
 * this frame, so it stays under the eye whatever the face's proportions, and its inner end stays
 * ~1.4 cm beside the nose's wing.
 *
 * Mesh: a hot spot (coverage 1), a middle ellipse (coverage MID_COVERAGE) and the outer ellipse
 * (coverage 0), RING points each: a fan inside the middle ring and a strip out to the edge.
 */

export interface CheekLandmarks {
  readonly apple: number;
  readonly temple: number;
  /** The lower eyelid's lowest point, the wash stays under it. */
  readonly lowerLid: number;
}

export const RIGHT_CHEEKBONE: CheekLandmarks = { apple: 50, temple: 227, lowerLid: 145 };
export const LEFT_CHEEKBONE: CheekLandmarks = { apple: 280, temple: 447, lowerLid: 374 };

/** Points per ring. */
export const BLUSH_RING = 16;
export const BLUSH_VERTICES = 1 + 2 * BLUSH_RING;
/** Where the wash starts and ends along apple → temple (fractions of that distance). */
const START = -0.6;
const END = 1.0;
/** Half its height, as a fraction of apple → temple. */
const HALF_HEIGHT = 0.5;
/** The deepest point, along apple → temple: on the cheekbone just outside the apple. */
const HOT = 0.25;
/** The middle ring, still deep; from there to the edge a long fade (the shader's falloff adds a plateau). */
const MID = 0.45;
const MID_COVERAGE = 0.75;
/** The top of the wash stays at most this fraction of the way from its axis to the lower lid. */
const LID_CLEARANCE = 0.7;

/**
 * Fills `positions` (x, y per vertex, BLUSH_VERTICES) and `alphas` for one cheek. Allocation-free.
 * Vertex 0 is the hot spot, 1…RING the middle ring, RING+1…2·RING the edge.
 */
export function fillBlush(points: Float32Array, cheek: CheekLandmarks, positions: Float32Array, alphas: Float32Array): void {
  const ax = points[cheek.apple * 3]!,
    ay = points[cheek.apple * 3 + 1]!;
  const tx = points[cheek.temple * 3]!,
    ty = points[cheek.temple * 3 + 1]!;
  const ux = tx - ax,
    uy = ty - ay;
  const length = Math.hypot(ux, uy);
  // Perpendicular, pointing to the eye's side of the axis.
  let vx = -uy,
    vy = ux;
  const lx = points[cheek.lowerLid * 3]! - ax,
    ly = points[cheek.lowerLid * 3 + 1]! - ay;
  if (vx * lx + vy * ly < 0) {
    vx = -vx;
    vy = -vy;
  }
  const cx = ax + ((START + END) / 2) * ux,
    cy = ay + ((START + END) / 2) * uy;
  // Half-axes in pixels: along the axis, and across it (toward the eye capped by the lid's distance).
  const along = (END - START) / 2;
  const lidAcross = length > 1e-6 ? (vx * (points[cheek.lowerLid * 3]! - cx) + vy * (points[cheek.lowerLid * 3 + 1]! - cy)) / length : 0;
  const across = Math.max(0, Math.min(HALF_HEIGHT * length, LID_CLEARANCE * lidAcross)) / Math.max(length, 1e-6);
  const hx = ax + HOT * ux,
    hy = ay + HOT * uy;
  positions[0] = hx;
  positions[1] = hy;
  alphas[0] = 1;
  for (let i = 0; i < BLUSH_RING; i++) {
    const angle = (i / BLUSH_RING) * Math.PI * 2;
    const ca = Math.cos(angle) * along,
      sa = Math.sin(angle) * across;
    const ex = cx + ca * ux + sa * vx,
      ey = cy + ca * uy + sa * vy;
    positions[(1 + i) * 2] = hx + MID * (ex - hx);
    positions[(1 + i) * 2 + 1] = hy + MID * (ey - hy);
    alphas[1 + i] = MID_COVERAGE;
    positions[(1 + BLUSH_RING + i) * 2] = ex;
    positions[(1 + BLUSH_RING + i) * 2 + 1] = ey;
    alphas[1 + BLUSH_RING + i] = 0;
  }
}

/** Triangle indices (built once): the fan inside the middle ring, then the strip to the edge. */
export function blushIndices(): Uint16Array {
  const out = new Uint16Array(BLUSH_RING * 9);
  let o = 0;
  for (let i = 0; i < BLUSH_RING; i++) {
    const j = (i + 1) % BLUSH_RING;
    out[o++] = 0;
    out[o++] = 1 + i;
    out[o++] = 1 + j;
    out[o++] = 1 + i;
    out[o++] = 1 + BLUSH_RING + i;
    out[o++] = 1 + j;
    out[o++] = 1 + j;
    out[o++] = 1 + BLUSH_RING + i;
    out[o++] = 1 + BLUSH_RING + j;
  }
  return out;
}

/** Bounds of one cheek's wash as `fillBlush` draws it (image pixels). */
export function blushBounds(points: Float32Array, cheek: CheekLandmarks, scratch: { positions: Float32Array; alphas: Float32Array }): { minX: number; minY: number; maxX: number; maxY: number } {
  fillBlush(points, cheek, scratch.positions, scratch.alphas);
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let k = 0; k < BLUSH_VERTICES; k++) {
    const x = scratch.positions[k * 2]!,
      y = scratch.positions[k * 2 + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}
