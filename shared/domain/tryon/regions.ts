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
/**
 * Eyeshadow graded as it is worn: deepest just above the lash line (full from a tenth of the way to
 * the crease), fading to 0.7 at the crease and to nothing 0.8 of a lid above it (blended past the
 * crease, as it is applied). Row A is the lash line itself (coverage 0), so nothing below it — the
 * eyeball — is ever drawn.
 */
export const LID_BAND: BandLayout = { columns: RIGHT_LID.length, closed: false, innerFeather: 0.1, outerFeather: 0.8, minOuterPx: 2, outerAlpha: 0.7, innerAlpha: 1 };

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
