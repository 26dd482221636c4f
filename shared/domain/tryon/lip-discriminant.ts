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

/**
 * Fisher's linear discriminant between label 1 (lip) and 0 (skin): writes the direction (stats 0–2),
 * the midpoint threshold (3), the projected distance between the means (4) and that distance in
 * pooled standard deviations (5). False when a class is (nearly) empty.
 */
export function discriminant(features: Float32Array, label: Uint8Array, count: number, stats: Float64Array, sums: Float64Array): boolean {
  let n1 = 0,
    n0 = 0;
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    b0 = 0,
    b1 = 0,
    b2 = 0;
  for (let cell = 0; cell < count; cell++) {
    const l = label[cell];
    if (l === 255) continue;
    const o = cell * FEATURES;
    if (l === 1) {
      a0 += features[o]!;
      a1 += features[o + 1]!;
      a2 += features[o + 2]!;
      n1++;
    } else {
      b0 += features[o]!;
      b1 += features[o + 1]!;
      b2 += features[o + 2]!;
      n0++;
    }
  }
  if (n1 < 8 || n0 < 8) return false;
  a0 /= n1;
  a1 /= n1;
  a2 /= n1;
  b0 /= n0;
  b1 /= n0;
  b2 /= n0;
  // Pooled within-class covariance (symmetric 3 × 3: xx xy xz yy yz zz).
  let sxx = 0,
    sxy = 0,
    sxz = 0,
    syy = 0,
    syz = 0,
    szz = 0;
  for (let cell = 0; cell < count; cell++) {
    const l = label[cell];
    if (l === 255) continue;
    const o = cell * FEATURES;
    const dx = features[o]! - (l === 1 ? a0 : b0),
      dy = features[o + 1]! - (l === 1 ? a1 : b1),
      dz = features[o + 2]! - (l === 1 ? a2 : b2);
    sxx += dx * dx;
    sxy += dx * dy;
    sxz += dx * dz;
    syy += dy * dy;
    syz += dy * dz;
    szz += dz * dz;
  }
  store(sums, n1, n0, a0, a1, a2, b0, b1, b2, sxx, sxy, sxz, syy, syz, szz);
  return solve(sums, stats, 0);
}

/**
 * Two discriminants at once, one per side of the opening (`side` 0 and 1), written at stats 0–5 and
 * 6–11; cells of a side not in `sides` (bit per side) are not counted. Returns the sides solved.
 */
export function discriminantBySide(features: Float32Array, label: Uint8Array, side: Uint8Array, sides: number, count: number, stats: Float64Array, sums: Float64Array): number {
  // Per side (u above, v below): class counts and feature sums, lip (1) and skin (0).
  let un1 = 0,
    un0 = 0,
    vn1 = 0,
    vn0 = 0;
  let u10 = 0,
    u11 = 0,
    u12 = 0,
    u00 = 0,
    u01 = 0,
    u02 = 0,
    v10 = 0,
    v11 = 0,
    v12 = 0,
    v00 = 0,
    v01 = 0,
    v02 = 0;
  const useU = (sides & 1) !== 0,
    useV = (sides & 2) !== 0;
  for (let cell = 0; cell < count; cell++) {
    const l = label[cell];
    if (l === 255) continue;
    const o = cell * FEATURES;
    if (side[cell] === 0) {
      if (!useU) continue;
      if (l === 1) {
        u10 += features[o]!;
        u11 += features[o + 1]!;
        u12 += features[o + 2]!;
        un1++;
      } else {
        u00 += features[o]!;
        u01 += features[o + 1]!;
        u02 += features[o + 2]!;
        un0++;
      }
    } else {
      if (!useV) continue;
      if (l === 1) {
        v10 += features[o]!;
        v11 += features[o + 1]!;
        v12 += features[o + 2]!;
        vn1++;
      } else {
        v00 += features[o]!;
        v01 += features[o + 1]!;
        v02 += features[o + 2]!;
        vn0++;
      }
    }
  }
  u10 /= un1;
  u11 /= un1;
  u12 /= un1;
  u00 /= un0;
  u01 /= un0;
  u02 /= un0;
  v10 /= vn1;
  v11 /= vn1;
  v12 /= vn1;
  v00 /= vn0;
  v01 /= vn0;
  v02 /= vn0;
  let uxx = 0,
    uxy = 0,
    uxz = 0,
    uyy = 0,
    uyz = 0,
    uzz = 0,
    vxx = 0,
    vxy = 0,
    vxz = 0,
    vyy = 0,
    vyz = 0,
    vzz = 0;
  for (let cell = 0; cell < count; cell++) {
    const l = label[cell];
    if (l === 255) continue;
    const o = cell * FEATURES;
    if (side[cell] === 0) {
      if (!useU) continue;
      const dx = features[o]! - (l === 1 ? u10 : u00),
        dy = features[o + 1]! - (l === 1 ? u11 : u01),
        dz = features[o + 2]! - (l === 1 ? u12 : u02);
      uxx += dx * dx;
      uxy += dx * dy;
      uxz += dx * dz;
      uyy += dy * dy;
      uyz += dy * dz;
      uzz += dz * dz;
    } else {
      if (!useV) continue;
      const dx = features[o]! - (l === 1 ? v10 : v00),
        dy = features[o + 1]! - (l === 1 ? v11 : v01),
        dz = features[o + 2]! - (l === 1 ? v12 : v02);
      vxx += dx * dx;
      vxy += dx * dy;
      vxz += dx * dz;
      vyy += dy * dy;
      vyz += dy * dz;
      vzz += dz * dz;
    }
  }
  let solved = 0;
  if (useU) {
    store(sums, un1, un0, u10, u11, u12, u00, u01, u02, uxx, uxy, uxz, uyy, uyz, uzz);
    if (solve(sums, stats, 0)) solved |= 1;
  }
  if (useV) {
    store(sums, vn1, vn0, v10, v11, v12, v00, v01, v02, vxx, vxy, vxz, vyy, vyz, vzz);
    if (solve(sums, stats, 6)) solved |= 2;
  }
  return solved;
}

/** One class pair's counts, feature means (lip, skin) and within-class scatter (xx xy xz yy yz zz) into `sums`, for `solve`. */
function store(
  sums: Float64Array,
  n1: number,
  n0: number,
  a0: number,
  a1: number,
  a2: number,
  b0: number,
  b1: number,
  b2: number,
  xx: number,
  xy: number,
  xz: number,
  yy: number,
  yz: number,
  zz: number,
): void {
  sums[0] = n1;
  sums[1] = n0;
  sums[2] = a0;
  sums[3] = a1;
  sums[4] = a2;
  sums[5] = b0;
  sums[6] = b1;
  sums[7] = b2;
  sums[8] = xx;
  sums[9] = xy;
  sums[10] = xz;
  sums[11] = yy;
  sums[12] = yz;
  sums[13] = zz;
}

/** Fisher's direction and threshold from `store`'s sums into stats at `o` (6 numbers). */
function solve(sums: Float64Array, stats: Float64Array, o: number): boolean {
  const n1 = sums[0]!,
    n0 = sums[1]!;
  if (n1 < 8 || n0 < 8) return false;
  const n = n1 + n0 - 2;
  // A small ridge keeps the inverse stable on flat patches.
  const sxx = sums[8]! / n + 1e-4,
    syy = sums[11]! / n + 1e-4,
    szz = sums[13]! / n + 1e-4;
  const sxy = sums[9]! / n,
    sxz = sums[10]! / n,
    syz = sums[12]! / n;
  const c00 = syy * szz - syz * syz,
    c01 = sxz * syz - sxy * szz,
    c02 = sxy * syz - sxz * syy;
  const c11 = sxx * szz - sxz * sxz,
    c12 = sxy * sxz - sxx * syz,
    c22 = sxx * syy - sxy * sxy;
  const det = sxx * c00 + sxy * c01 + sxz * c02;
  if (!(Math.abs(det) > 1e-18)) return false;
  const m1 = 2,
    m0 = 5;
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
