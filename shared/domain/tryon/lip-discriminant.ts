/**
 * The lip mask's colour classifier (lip-mask.ts): Fisher's linear discriminant between lip (label 1)
 * and skin (label 0) cells over three colour features per cell (minus the hue angle, redness,
 * brightness), shared by both sides of the mouth or one per side, and the soft lip likelihood it gives.
 */

/** Below this separation (in pooled standard deviations) the colour cannot tell lips from skin. */
export const MIN_SEPARATION = 1;
/** Colour features per cell (LipMask.features). */
export const FEATURES = 3;

/** Lip likelihood (0–1) from the discriminant: a soft ramp around its threshold. */
export function colourOf(features: Float32Array, cell: number, stats: Float64Array, o = 0): number {
  const t = Math.min(1, Math.max(0, ((project(features, cell, stats, o) - stats[o + 3]!) / stats[o + 4]! + RAMP) / (2 * RAMP)));
  return t * t * (3 - 2 * t);
}

/** Half the soft edge, as a fraction of the distance between the two classes' projected means. */
const RAMP = 0.2;

export function project(features: Float32Array, cell: number, stats: Float64Array, at = 0): number {
  const o = cell * FEATURES;
  return stats[at]! * features[o]! + stats[at + 1]! * features[o + 1]! + stats[at + 2]! * features[o + 2]!;
}

/** Numbers per group in `gather`'s sums: lip and skin counts, lip and skin means (3 each), within-class scatter (xx xy xz yy yz zz). */
export const SUMS = 14;

/**
 * Fisher's linear discriminant between label 1 (lip) and 0 (skin) over `cells` (the first `count`:
 * the cells that can be labelled, in grid order; the rest of the grid is 255): writes the direction
 * (stats 0–2), the midpoint threshold (3), the projected distance between the means (4) and that
 * distance in pooled standard deviations (5). False when a class is (nearly) empty. With `relabel`,
 * the cells are first relabelled by the discriminant in `stats` (the previous round's; in the same
 * pass over them as the sums).
 */
export function discriminant(features: Float32Array, label: Uint8Array, cells: Int32Array, count: number, stats: Float64Array, sums: Float64Array, relabel: boolean): boolean {
  gather(features, label, cells, 0, count, sums, 0, relabel ? stats : null, 0);
  return solve(sums, 0, stats, 0);
}

/**
 * One discriminant per side of the opening (side 0: `cells` up to `split`, side 1: from `split` to
 * `count`, each in grid order), written at stats 0–5 and 6–11, for the sides in `sides` (a bit per
 * side), each side's cells first relabelled by its discriminant in `stats` with `relabel`. Returns
 * the sides solved.
 */
export function discriminantBySide(
  features: Float32Array,
  label: Uint8Array,
  cells: Int32Array,
  split: number,
  count: number,
  sides: number,
  stats: Float64Array,
  sums: Float64Array,
  relabel: boolean,
): number {
  let solved = 0;
  for (let g = 0; g < 2; g++) {
    if (!(sides & (1 << g))) continue;
    gather(features, label, cells, g === 0 ? 0 : split, g === 0 ? split : count, sums, g * SUMS, relabel ? stats : null, g * 6);
    if (solve(sums, g * SUMS, stats, g * 6)) solved |= 1 << g;
  }
  return solved;
}

/**
 * The labelled cells among `cells` from `from` to `to`: the classes' counts and feature means, then
 * the within-class scatter around them, SUMS numbers into `sums` at `at`. With `relabel`, each of
 * them is first labelled by the discriminant there (at `o`), as `project` would.
 */
function gather(features: Float32Array, label: Uint8Array, cells: Int32Array, from: number, to: number, sums: Float64Array, at: number, relabel: Float64Array | null, o: number): void {
  const w0 = relabel ? relabel[o]! : 0,
    w1 = relabel ? relabel[o + 1]! : 0,
    w2 = relabel ? relabel[o + 2]! : 0,
    threshold = relabel ? relabel[o + 3]! : 0;
  let n1 = 0,
    n0 = 0;
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    b0 = 0,
    b1 = 0,
    b2 = 0;
  for (let k = from; k < to; k++) {
    const cell = cells[k]!;
    const f = cell * FEATURES;
    const x = features[f]!,
      y = features[f + 1]!,
      z = features[f + 2]!;
    let l = label[cell];
    if (relabel) label[cell] = l = w0 * x + w1 * y + w2 * z >= threshold ? 1 : 0;
    else if (l === 255) continue;
    if (l === 1) {
      a0 += x;
      a1 += y;
      a2 += z;
      n1++;
    } else {
      b0 += x;
      b1 += y;
      b2 += z;
      n0++;
    }
  }
  a0 /= n1;
  a1 /= n1;
  a2 /= n1;
  b0 /= n0;
  b1 /= n0;
  b2 /= n0;
  let xx = 0,
    xy = 0,
    xz = 0,
    yy = 0,
    yz = 0,
    zz = 0;
  for (let k = from; k < to; k++) {
    const cell = cells[k]!;
    const l = label[cell];
    if (l === 255) continue;
    const o = cell * FEATURES;
    const dx = features[o]! - (l === 1 ? a0 : b0),
      dy = features[o + 1]! - (l === 1 ? a1 : b1),
      dz = features[o + 2]! - (l === 1 ? a2 : b2);
    xx += dx * dx;
    xy += dx * dy;
    xz += dx * dz;
    yy += dy * dy;
    yz += dy * dz;
    zz += dz * dz;
  }
  sums[at] = n1;
  sums[at + 1] = n0;
  sums[at + 2] = a0;
  sums[at + 3] = a1;
  sums[at + 4] = a2;
  sums[at + 5] = b0;
  sums[at + 6] = b1;
  sums[at + 7] = b2;
  sums[at + 8] = xx;
  sums[at + 9] = xy;
  sums[at + 10] = xz;
  sums[at + 11] = yy;
  sums[at + 12] = yz;
  sums[at + 13] = zz;
}

/** Fisher's direction and threshold from one group of `gather`'s sums (at `at`) into stats at `o` (6 numbers). */
function solve(sums: Float64Array, at: number, stats: Float64Array, o: number): boolean {
  const n1 = sums[at]!,
    n0 = sums[at + 1]!;
  if (n1 < 8 || n0 < 8) return false;
  const n = n1 + n0 - 2;
  // A small ridge keeps the inverse stable on flat patches.
  const sxx = sums[at + 8]! / n + 1e-4,
    syy = sums[at + 11]! / n + 1e-4,
    szz = sums[at + 13]! / n + 1e-4;
  const sxy = sums[at + 9]! / n,
    sxz = sums[at + 10]! / n,
    syz = sums[at + 12]! / n;
  const c00 = syy * szz - syz * syz,
    c01 = sxz * syz - sxy * szz,
    c02 = sxy * syz - sxz * syy;
  const c11 = sxx * szz - sxz * sxz,
    c12 = sxy * sxz - sxx * syz,
    c22 = sxx * syy - sxy * sxy;
  const det = sxx * c00 + sxy * c01 + sxz * c02;
  if (!(Math.abs(det) > 1e-18)) return false;
  const m1 = at + 2,
    m0 = at + 5;
  const d0 = sums[m1]! - sums[m0]!,
    d1 = sums[m1 + 1]! - sums[m0 + 1]!,
    d2 = sums[m1 + 2]! - sums[m0 + 2]!;
  const w0 = (c00 * d0 + c01 * d1 + c02 * d2) / det;
  const w1 = (c01 * d0 + c11 * d1 + c12 * d2) / det;
  const w2 = (c02 * d0 + c12 * d1 + c22 * d2) / det;
  const span = w0 * d0 + w1 * d1 + w2 * d2;
  if (!(span > 0)) return false;
  stats[o] = w0;
  stats[o + 1] = w1;
  stats[o + 2] = w2;
  stats[o + 3] = (w0 * (sums[m1]! + sums[m0]!)) / 2 + (w1 * (sums[m1 + 1]! + sums[m0 + 1]!)) / 2 + (w2 * (sums[m1 + 2]! + sums[m0 + 2]!)) / 2;
  stats[o + 4] = span;
  // wᵀΣw = wᵀd for Fisher's w: the separation in pooled standard deviations is √span.
  stats[o + 5] = Math.sqrt(span);
  return true;
}
