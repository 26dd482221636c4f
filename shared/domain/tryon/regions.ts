/**
 * Makeup regions as landmark index chains of the MediaPipe face mesh (valid for the 468- and the
 * 478-point model). Regions are drawn as triangle strips between two chains of equal length, each
 * vertex carrying a coverage (alpha), so edges are feathered by interpolation instead of blur.
 * "Right"/"left" are the subject's: the subject's right eye is on the image's left.
 */

/** Outer lip contour from the right mouth corner, along the lower lip, back along the upper lip. */
export const LIPS_OUTER = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185] as const;
/** Inner lip contour, point for point opposite LIPS_OUTER: the mouth opening stays uncoloured. */
export const LIPS_INNER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191] as const;

/** Upper eyelid (lash line), outer corner to inner corner. */
export const RIGHT_LID = [33, 246, 161, 160, 159, 158, 157, 173, 133] as const;
/** The mesh ring above it (the crease), point for point. */
export const RIGHT_CREASE = [226, 113, 225, 224, 223, 222, 221, 189, 244] as const;
export const LEFT_LID = [263, 466, 388, 387, 386, 385, 384, 398, 362] as const;
export const LEFT_CREASE = [446, 342, 445, 444, 443, 442, 441, 413, 464] as const;

/** Cheek apples and a ring of mesh points ~2.3 cm around them on the canonical face. */
export const RIGHT_CHEEK_CENTRE = 50;
export const RIGHT_CHEEK_RING = [207, 206, 36, 119, 228, 111, 123] as const;
export const LEFT_CHEEK_CENTRE = 280;
export const LEFT_CHEEK_RING = [266, 426, 427, 352, 340, 448, 348] as const;
/** How far the blush reaches past its ring (the ring sits ~2 cm from the apple; the wash ~3 cm). */
export const CHEEK_SPREAD = 1.5;

/** Everything coloured by makeup lies inside the face; used by tests to bound each region. */
export type Chain = readonly number[];

/**
 * Layout of a feathered band between an inner chain A and an outer chain B (equal length):
 * four rows of vertices — A (alpha 0), A pushed a little toward B (alpha 1), B (alpha 1),
 * B pushed outward away from A (alpha 0). `closed` joins the last column to the first (lips).
 */
export interface BandLayout {
  readonly columns: number;
  readonly closed: boolean;
  /** How far A moves toward B for the solid start (fraction of the A→B distance). */
  readonly innerFeather: number;
  /** How far beyond B the fade ends (fraction of the A→B distance, at least `minOuterPx`). */
  readonly outerFeather: number;
  readonly minOuterPx: number;
  /** Coverage at row B; < 1 fades a band (eyeshadow toward the brow). */
  readonly outerAlpha: number;
  /** Coverage at row A (the lash line for eyeshadow stays soft). */
  readonly innerAlpha: number;
}

export const BAND_ROWS = 4;

/** Triangle indices for a band of `columns` columns × 4 rows (built once, reused every frame). */
export function bandIndices(columns: number, closed: boolean): Uint16Array {
  const segments = closed ? columns : columns - 1;
  const out = new Uint16Array(segments * (BAND_ROWS - 1) * 6);
  let o = 0;
  for (let row = 0; row < BAND_ROWS - 1; row++) {
    for (let c = 0; c < segments; c++) {
      const c1 = (c + 1) % columns;
      const a = row * columns + c;
      const b = row * columns + c1;
      const d = (row + 1) * columns + c;
      const e = (row + 1) * columns + c1;
      out[o++] = a;
      out[o++] = b;
      out[o++] = d;
      out[o++] = b;
      out[o++] = e;
      out[o++] = d;
    }
  }
  return out;
}

/**
 * Fills `positions` (x, y per vertex, 4 rows × columns) and `alphas` for a band between chains A and
 * B of the landmarks in `points` (x, y, z per landmark, image pixels). Allocation-free.
 */
export function fillBand(points: Float32Array, chainA: Chain, chainB: Chain, layout: BandLayout, positions: Float32Array, alphas: Float32Array): void {
  const n = layout.columns;
  for (let c = 0; c < n; c++) {
    const ia = chainA[c]! * 3;
    const ib = chainB[c]! * 3;
    const ax = points[ia]!,
      ay = points[ia + 1]!;
    const bx = points[ib]!,
      by = points[ib + 1]!;
    const dx = bx - ax,
      dy = by - ay;
    const length = Math.hypot(dx, dy);
    const outer = length > 1e-6 ? Math.max(layout.outerFeather, layout.minOuterPx / length) : 0;
    const fx = length > 1e-6 ? dx : 0;
    const fy = length > 1e-6 ? dy : 0;
    setVertex(positions, alphas, 0 * n + c, ax, ay, 0);
    setVertex(positions, alphas, 1 * n + c, ax + fx * layout.innerFeather, ay + fy * layout.innerFeather, layout.innerAlpha);
    setVertex(positions, alphas, 2 * n + c, bx, by, layout.outerAlpha);
    setVertex(positions, alphas, 3 * n + c, bx + fx * outer, by + fy * outer, 0);
  }
}

function setVertex(positions: Float32Array, alphas: Float32Array, index: number, x: number, y: number, alpha: number): void {
  positions[index * 2] = x;
  positions[index * 2 + 1] = y;
  alphas[index] = alpha;
}

/**
 * The lips' outer contour is the chain B and the inner contour chain A: the band runs from the mouth
 * opening (transparent, so teeth stay uncoloured) out past the outer contour (a short fade).
 */
export const LIPS_BAND: BandLayout = { columns: LIPS_OUTER.length, closed: true, innerFeather: 0.18, outerFeather: 0.12, minOuterPx: 1.5, outerAlpha: 1, innerAlpha: 1 };
export const LID_BAND: BandLayout = { columns: RIGHT_LID.length, closed: false, innerFeather: 0.25, outerFeather: 1.25, minOuterPx: 2, outerAlpha: 0.9, innerAlpha: 1 };

/** Fan around a centre: vertex 0 is the centre (alpha 1), then the ring pushed out by `spread` (alpha 0). */
export function fillFan(points: Float32Array, centre: number, ring: Chain, spread: number, positions: Float32Array, alphas: Float32Array): void {
  const cx = points[centre * 3]!,
    cy = points[centre * 3 + 1]!;
  positions[0] = cx;
  positions[1] = cy;
  alphas[0] = 1;
  for (let i = 0; i < ring.length; i++) {
    const j = ring[i]! * 3;
    positions[(i + 1) * 2] = cx + (points[j]! - cx) * spread;
    positions[(i + 1) * 2 + 1] = cy + (points[j + 1]! - cy) * spread;
    alphas[i + 1] = 0;
  }
}

export function fanIndices(ringSize: number): Uint16Array {
  const out = new Uint16Array(ringSize * 3);
  for (let i = 0; i < ringSize; i++) {
    out[i * 3] = 0;
    out[i * 3 + 1] = i + 1;
    out[i * 3 + 2] = ((i + 1) % ringSize) + 1;
  }
  return out;
}

/** Bounds of a fan as `fillFan` draws it (centre plus the ring pushed out by `spread`). */
export function fanBounds(points: Float32Array, centre: number, ring: Chain, spread: number): { minX: number; minY: number; maxX: number; maxY: number } {
  const cx = points[centre * 3]!,
    cy = points[centre * 3 + 1]!;
  let minX = cx,
    minY = cy,
    maxX = cx,
    maxY = cy;
  for (const index of ring) {
    const x = cx + (points[index * 3]! - cx) * spread;
    const y = cy + (points[index * 3 + 1]! - cy) * spread;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

/** Axis-aligned bounds of some landmarks (image pixels), for tests and quick culling. */
export function chainBounds(points: Float32Array, chain: Chain): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const index of chain) {
    const x = points[index * 3]!,
      y = points[index * 3 + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}
