import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';
import { rasterPolygon, type Point } from './lip-score';
import { LIPS_INNER, LIPS_OUTER } from './regions';

/** Synthetic face patches for the lip mask's unit tests (lip-mask-teeth.test.ts, lip-mask-rim.test.ts). */

export type Rgb = readonly [number, number, number];

export const W = 160;
export const H = 120;
export const SKIN: Rgb = [214, 160, 130];
export const LIP: Rgb = [170, 70, 80];
export const TEETH: Rgb = [235, 232, 222];
export const DARK: Rgb = [40, 14, 16];

/** An ellipse as 20 points (pixel coordinates), clockwise from the right, as the mesh's lip chains run. */
export const ellipse = (cx: number, cy: number, rx: number, ry: number): Point[] =>
  Array.from({ length: 20 }, (_, i) => [cx + rx * Math.cos((2 * Math.PI * i) / 20), cy + ry * Math.sin((2 * Math.PI * i) / 20)] as Point);

/**
 * A W × H patch: skin, lips between `outer` and `inner`, the opening painted by `mouth(x, y, top, bottom)`
 * (its column's first and last rows), with a little deterministic noise so statistics are not degenerate.
 */
export function photo(outer: readonly Point[], inner: readonly Point[], mouth: (x: number, y: number, top: number, bottom: number) => Rgb): Uint8Array {
  const O = rasterPolygon(outer, W, H);
  const I = rasterPolygon(inner, W, H);
  const rgba = new Uint8Array(W * H * 4);
  for (let x = 0; x < W; x++) {
    let top = -1,
      bottom = -1;
    for (let y = 0; y < H; y++) {
      if (!I[y * W + x]) continue;
      if (top < 0) top = y;
      bottom = y;
    }
    for (let y = 0; y < H; y++) paint(rgba, x, y, O[y * W + x] ? (I[y * W + x] ? mouth(x, y, top, bottom) : LIP) : SKIN);
  }
  return rgba;
}

/** Sets pixel (x, y) to `colour` plus the patch's noise. */
export function paint(rgba: Uint8Array, x: number, y: number, colour: Rgb): void {
  const p = y * W + x;
  const n = (((p * 2654435761) >>> 0) % 9) - 4;
  rgba.set([colour[0] + n, colour[1] + n, colour[2] + n, 255], p * 4);
}

/** Landmarks with the lip contours at the given points (the mesh's 20-point chains). */
export function landmarks(outer: readonly Point[], inner: readonly Point[]): Float32Array {
  const points = new Float32Array(478 * 3);
  LIPS_OUTER.forEach((index, i) => points.set([outer[i]![0], outer[i]![1], 0], index * 3));
  LIPS_INNER.forEach((index, i) => points.set([inner[i]![0], inner[i]![1], 0], index * 3));
  return points;
}

/** The mask's alpha at image pixel (x, y). */
export const alphaAt = (mask: LipMask, x: number, y: number): number => mask.alpha[Math.round((y - mask.y0) / mask.step) * LIP_MASK_SIZE + Math.round((x - mask.x0) / mask.step)]!;
