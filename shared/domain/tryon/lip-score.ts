import { SRGB_TO_LINEAR } from './srgb';
/**
 * How exactly a lip colour lands on the lips, scored against hand-drawn outlines (issue 16 §1).
 * A pixel is "changed" when its largest RGB channel moved by more than `threshold` (12) between the
 * frame without and with the lipstick. Outlines are polygons through pixel centres (pixel (x, y) is
 * the point (x, y)); a pixel belongs to a polygon when its centre lies inside (even-odd rule).
 *
 * - precision: changed pixels inside the outer outline dilated by 3 px / all changed pixels;
 * - coverage: pixels of the lip area (outer minus inner outline, eroded by 1 px) that changed;
 * - leak (open mouths only): changed pixels inside the inner outline eroded by 2 px (teeth, tongue,
 *   the dark mouth) / the pixels of that eroded area.
 */

export type Point = readonly [number, number];

export interface LipOutline {
  /** The lips' outer edge. */
  readonly outer: readonly Point[];
  /** The mouth opening's edge (on a closed mouth a thin sliver along the lip line). */
  readonly inner: readonly Point[];
  /** Whether the mouth is open (teeth or mouth showing): only then is leak scored. */
  readonly open: boolean;
}

export interface LipScore {
  readonly precision: number;
  readonly coverage: number;
  /** Null on a closed mouth. */
  readonly leak: number | null;
  readonly changed: number;
  readonly lipArea: number;
  readonly mouthArea: number;
}

export const LIP_SCORE_THRESHOLD = 12;

/** A width × height mask (1 = inside) of the pixels whose centre lies inside the polygon. */
export function rasterPolygon(polygon: readonly Point[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const n = polygon.length;
  if (n < 3) return mask;
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const [x0, y0] = polygon[i]!;
      const [x1, y1] = polygon[(i + 1) % n]!;
      // Half-open on y so a vertex on the scan line counts once.
      if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) crossings.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]!));
      const to = Math.min(width - 1, Math.floor(crossings[k + 1]!));
      for (let x = from; x <= to; x++) mask[y * width + x] = 1;
    }
  }
  return mask;
}

function disc(radius: number): Array<[number, number]> {
  const offsets: Array<[number, number]> = [];
  const r = Math.floor(radius);
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= radius * radius) offsets.push([dx, dy]);
  return offsets;
}

/** Pixels within `radius` (Euclidean) of a mask pixel. */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const offsets = disc(radius);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (const [dx, dy] of offsets) {
        const X = x + dx,
          Y = y + dy;
        if (X >= 0 && Y >= 0 && X < width && Y < height) out[Y * width + X] = 1;
      }
    }
  }
  return out;
}

/** Mask pixels whose every neighbour within `radius` is in the mask (outside the frame counts as out). */
export function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const offsets = disc(radius);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      let keep = 1;
      for (const [dx, dy] of offsets) {
        const X = x + dx,
          Y = y + dy;
        if (X < 0 || Y < 0 || X >= width || Y >= height || !mask[Y * width + X]) {
          keep = 0;
          break;
        }
      }
      out[y * width + x] = keep;
    }
  }
  return out;
}

/** Pixels whose largest RGB channel moved by more than `threshold` (RGBA frames of the same size). */
export function changedPixels(before: Uint8Array, after: Uint8Array, width: number, height: number, threshold = LIP_SCORE_THRESHOLD): Uint8Array {
  if (before.length !== width * height * 4 || after.length !== before.length) throw new Error('frames of different sizes');
  const out = new Uint8Array(width * height);
  for (let p = 0; p < out.length; p++) {
    const i = p * 4;
    const d = Math.max(Math.abs(before[i]! - after[i]!), Math.abs(before[i + 1]! - after[i + 1]!), Math.abs(before[i + 2]! - after[i + 2]!));
    out[p] = d > threshold ? 1 : 0;
  }
  return out;
}

/** Scores a changed-pixel mask against a lip outline (see the module comment). */
export function scoreLipMask(changed: Uint8Array, width: number, height: number, outline: LipOutline): LipScore {
  const outer = rasterPolygon(outline.outer, width, height);
  const inner = rasterPolygon(outline.inner, width, height);
  const near = dilate(outer, width, height, 3);
  const band = new Uint8Array(outer.length);
  for (let p = 0; p < band.length; p++) band[p] = outer[p]! && !inner[p] ? 1 : 0;
  const lipArea = erode(band, width, height, 1);
  const mouth = outline.open ? erode(inner, width, height, 2) : null;
  let total = 0,
    nearCount = 0,
    lipTotal = 0,
    lipChanged = 0,
    mouthTotal = 0,
    mouthChanged = 0;
  for (let p = 0; p < changed.length; p++) {
    const c = changed[p]!;
    total += c;
    if (near[p]) nearCount += c;
    if (lipArea[p]) {
      lipTotal++;
      lipChanged += c;
    }
    if (mouth && mouth[p]) {
      mouthTotal++;
      mouthChanged += c;
    }
  }
  return {
    precision: total > 0 ? nearCount / total : 1,
    coverage: lipTotal > 0 ? lipChanged / lipTotal : 0,
    leak: mouth ? (mouthTotal > 0 ? mouthChanged / mouthTotal : 0) : null,
    changed: total,
    lipArea: lipTotal,
    mouthArea: mouthTotal,
  };
}

/** The whole score from two RGBA frames (without and with the lipstick). */
export function scoreLips(before: Uint8Array, after: Uint8Array, width: number, height: number, outline: LipOutline, threshold = LIP_SCORE_THRESHOLD): LipScore {
  return scoreLipMask(changedPixels(before, after, width, height, threshold), width, height, outline);
}

/** The goals of issue 16 §1. */
export const LIP_GOALS = { precision: 0.95, coverage: 0.8, leak: 0.05 } as const;

/** CIE lightness L* (0–100) of a grey of linear luminance `y`, for the texture measure. */
const lightness = (y: number): number => (y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y);

/** Each pixel's lightness minus its (2·radius + 1)² neighbourhood's mean (NaN where the neighbourhood leaves `region`). */
function highPass(rgba: Uint8Array, width: number, height: number, region: Uint8Array, radius: number): Float64Array {
  const l = new Float64Array(width * height);
  for (let i = 0; i < l.length; i++) l[i] = lightness(0.2126 * SRGB_TO_LINEAR[rgba[i * 4]!]! + 0.7152 * SRGB_TO_LINEAR[rgba[i * 4 + 1]!]! + 0.0722 * SRGB_TO_LINEAR[rgba[i * 4 + 2]!]!);
  const inner = erode(region, width, height, radius * Math.SQRT2);
  const out = new Float64Array(width * height).fill(NaN);
  for (let y = radius; y < height - radius; y++) {
    for (let x = radius; x < width - radius; x++) {
      if (!inner[y * width + x]) continue;
      let mean = 0;
      for (let dy = -radius; dy <= radius; dy++) for (let dx = -radius; dx <= radius; dx++) mean += l[(y + dy) * width + x + dx]!;
      out[y * width + x] = l[y * width + x]! - mean / (2 * radius + 1) ** 2;
    }
  }
  return out;
}

/**
 * How much of a region's fine texture (issue 16 §3: lip lines must survive every finish) is still
 * there after a shade: each pixel's CIE lightness minus its (2·radius + 1)² neighbourhood's mean, over
 * the region's pixels whose whole neighbourhood is in it, before and after. `amplitude` is the RMS
 * after over the RMS before (a flat fill gives 0; a shade darker than the lips lowers it somewhat, as
 * the same relative detail spans fewer lightness steps in the dark); `correlation` is how alike the
 * two patterns are (1: the same lines and pores where they were; ~0: noise or a flat fill).
 */
export function textureKept(before: Uint8Array, after: Uint8Array, width: number, height: number, region: Uint8Array, radius = 1): { amplitude: number; correlation: number; pixels: number } {
  const a = highPass(before, width, height, region, radius);
  const b = highPass(after, width, height, region, radius);
  let n = 0,
    sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!,
      y = b[i]!;
    if (Number.isNaN(x)) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  if (n === 0 || saa === 0) return { amplitude: NaN, correlation: NaN, pixels: n };
  const cov = sab / n - (sa / n) * (sb / n);
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return { amplitude: Math.sqrt(sbb / saa), correlation: va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0, pixels: n };
}
