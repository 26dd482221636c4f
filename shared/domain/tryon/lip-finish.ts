import type { Finish } from '../../catalog/schema';

/**
 * Makeup finishes that read as makeup (issue 16 §3): the model the makeup shader computes
 * (renderer/tryon/makeup-shader.ts), written out here so it can be tested on synthetic images. All in
 * linear light.
 *
 * The shade replaces the skin's or lip's own colour, never its light: each pixel keeps its brightness
 * relative to a reference, and the shade is scaled by it. For the lips the reference is the lips' own
 * median luminance on this frame (from the lip mask), so everything inside the lip — lip lines, the
 * darker upper lip, the lit lower lip — survives in every finish; elsewhere (and for lips without a
 * mask) it is the pixel's ~7 px neighbourhood, which keeps the fine texture. Finishes differ only in
 * what they add on top:
 * - the lip's own shine (pixels well above the lips' median, LIP_SHINE_FROM; or above their
 *   neighbourhood) is damped by matte, a little by satin; darker detail and the lips' ordinary
 *   shading always pass whole (a matte lipstick still shows the lip's lines);
 * - gloss adds a highlight that follows the lip's shape (`fillLipGloss`: a band along the lower lip's
 *   fullest part and, weaker, on the upper lip, fading to the corners), broken up where the pixel
 *   itself is dark (lip lines), satin a faint one, shimmer a faint one plus sparkles.
 */
export interface FinishModel {
  /** How much of the pixel's shine (brightness above LIP_SHINE_FROM × the reference) passes: 1 all, 0 none. */
  readonly shine: number;
  /** The shape-following highlight's strength (added in linear light at full gloss weight). */
  readonly gloss: number;
  /** The part of that highlight that shows on a dark pixel (the rest needs a pixel brighter than its surroundings). */
  readonly glossFloor: number;
  /** Sparkles (shimmer), added where the image pixel's hash falls in the top 3.5 %. */
  readonly sparkle: number;
}

export const FINISHES: Readonly<Record<Finish, FinishModel>> = {
  matte: { shine: 0.35, gloss: 0, glossFloor: 0, sparkle: 0 },
  satin: { shine: 0.75, gloss: 0.07, glossFloor: 0.5, sparkle: 0 },
  gloss: { shine: 1, gloss: 0.36, glossFloor: 0.3, sparkle: 0 },
  shimmer: { shine: 1, gloss: 0.1, glossFloor: 0.4, sparkle: 0.35 },
};

/**
 * The neighbourhood the reference is measured in when there is no lip reference: (dx, dy, weight),
 * offsets in units of the radius (7 px). The first tap is the pixel itself. The shader is generated
 * from this table.
 */
export const NEIGHBOURHOOD_RADIUS_PX = 7;

/**
 * Against the lips' reference, brightness up to this much above the median is the lips' own shading
 * (the lit lower lip) and passes whole in every finish; above it is shine. Against a neighbourhood,
 * anything above it is shine (knee 1).
 */
export const LIP_SHINE_FROM = 1.3;
export const NEIGHBOURHOOD_TAPS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 0.25],
  [1, 0, 0.125],
  [-1, 0, 0.125],
  [0, 1, 0.125],
  [0, -1, 0.125],
  [0.7, 0.7, 0.0625],
  [-0.7, -0.7, 0.0625],
  [0.7, -0.7, 0.0625],
  [-0.7, 0.7, 0.0625],
];

export type Rgb = [number, number, number];

export const luminance = (r: number, g: number, b: number): number => 0.2126 * r + 0.7152 * g + 0.0722 * b;

const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/**
 * One pixel as the shader shades it (sparkles aside), before the mix over the source by coverage:
 * `base` the pixel, `localLum` its neighbourhood's luminance, `refLum` the lips' median luminance (or
 * null: the neighbourhood is the reference), `colour` the shade, `lighting` how much of the reference's
 * brightness against the shade's carries over (0 none … 1 all), `gloss` the shape-following weight
 * (0–1), or null without a gloss map (then the highlight falls on the pixel's own bright spots).
 */
export function shadePixel(base: Rgb, localLum: number, refLum: number | null, colour: Rgb, lighting: number, finish: FinishModel, gloss: number | null, out: Rgb): Rgb {
  const lum = luminance(base[0], base[1], base[2]);
  const lips = refLum !== null && refLum > 0;
  const reference = lips ? refLum : Math.max(localLum, 1e-3);
  const knee = lips ? LIP_SHINE_FROM : 1;
  const shadeLum = Math.max(luminance(colour[0], colour[1], colour[2]), 1e-3);
  const detail = lum / reference;
  const light = Math.min(4, Math.max(0.35, Math.pow(reference / shadeLum, lighting)));
  // Darker than the knee passes whole; brighter (the lip's own shine) by `shine`.
  const texture = detail < knee ? detail : knee + (detail - knee) * finish.shine;
  const weight = gloss ?? smoothstep(1.05, 1.7, detail);
  const floor = gloss === null ? 0 : finish.glossFloor;
  const highlight = finish.gloss * weight * (floor + (1 - floor) * smoothstep(0.9, 1.35, detail));
  for (let c = 0; c < 3; c++) out[c] = colour[c]! * texture * light + highlight;
  return out;
}

/** A smooth bump: 1 at `centre`, 0 beyond `halfWidth` from it. */
function bump(v: number, centre: number, halfWidth: number): number {
  const t = (v - centre) / halfWidth;
  return t * t >= 1 ? 0 : (1 - t * t) * (1 - t * t);
}

/**
 * How much gloss a point of the lips catches, from where it lies in them: `u` across the mouth
 * (−1 one corner, 0 the middle, 1 the other), `v` through the lip (0 at the mouth's opening, 1 at the
 * lip's outer edge), `upper` which lip. The lower lip catches the light along its fullest part (a
 * little nearer the opening than its middle), the upper lip about half as much on either side of the
 * Cupid's bow; both fade toward the corners.
 */
export function glossWeight(u: number, v: number, upper: boolean): number {
  const across = Math.max(0, 1 - u * u);
  const fade = across * across * across;
  if (!upper) return bump(v, 0.42, 0.26) * fade;
  return 0.5 * bump(v, 0.5, 0.3) * fade * (0.45 + 0.55 * smoothstep(0.04, 0.22, Math.abs(u)));
}

/** Lowest and highest y where the closed polygon `xy` (x, y pairs) crosses the vertical line at `x`; NaN when it does not. */
function crossings(xy: Float32Array, x: number, out: Float64Array): void {
  out[0] = Infinity;
  out[1] = -Infinity;
  const n = xy.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = xy[i * 2]!,
      yi = xy[i * 2 + 1]!,
      xj = xy[j * 2]!,
      yj = xy[j * 2 + 1]!;
    if (xi > x === xj > x) continue;
    const y = yi + ((x - xi) * (yj - yi)) / (xj - xi);
    if (y < out[0]!) out[0] = y;
    if (y > out[1]!) out[1] = y;
  }
  if (out[0] === Infinity) out[0] = out[1] = NaN;
}

const outerSpan = new Float64Array(2);
const innerSpan = new Float64Array(2);

/** The grid the gloss map covers (the lip mask's): cell (c, r) is image pixel (x0 + c·step, y0 + r·step). */
export interface LipGrid {
  readonly x0: number;
  readonly y0: number;
  readonly step: number;
  readonly cols: number;
  readonly rows: number;
}

/**
 * Fills `out` (row stride `stride`, 0–255) with the gloss weight of each grid cell from the lip
 * contours — `outer` and `inner` as x, y pairs in the order of LIPS_OUTER / LIPS_INNER (regions.ts:
 * from one mouth corner along the lower lip to the other corner at index 10, back along the upper lip).
 * Each image column is measured on its own (where it crosses the two contours), so the highlight
 * follows the lips' curve on a smile, a pout or a tilted head. Cells outside the lips are 0.
 * Allocation-free.
 */
export function fillLipGloss(outer: Float32Array, inner: Float32Array, grid: LipGrid, out: Uint8Array, stride: number): void {
  const n = outer.length / 2;
  const half = n / 2;
  const ax = outer[0]!,
    ay = outer[1]!,
    bx = outer[half * 2]!,
    by = outer[half * 2 + 1]!;
  const cx = (ax + bx) / 2,
    cy = (ay + by) / 2;
  const halfWidth = Math.max(1e-3, Math.hypot(bx - ax, by - ay) / 2);
  const ux = (bx - ax) / (2 * halfWidth),
    uy = (by - ay) / (2 * halfWidth);
  for (let c = 0; c < grid.cols; c++) {
    const x = grid.x0 + c * grid.step;
    crossings(outer, x, outerSpan);
    crossings(inner, x, innerSpan);
    const top = outerSpan[0]!,
      bottom = outerSpan[1]!;
    // Beyond the inner corners the lips meet: the opening is a line through the lips' middle.
    const hasInner = Number.isFinite(innerSpan[0]!);
    const openTop = hasInner ? innerSpan[0]! : (top + bottom) / 2;
    const openBottom = hasInner ? innerSpan[1]! : (top + bottom) / 2;
    for (let r = 0; r < grid.rows; r++) {
      const y = grid.y0 + r * grid.step;
      let w = 0;
      if (Number.isFinite(top) && y >= top && y <= bottom) {
        const u = ((x - cx) * ux + (y - cy) * uy) / halfWidth;
        if (y >= openBottom && bottom > openBottom) w = glossWeight(u, (y - openBottom) / (bottom - openBottom), false);
        else if (y <= openTop && openTop > top) w = glossWeight(u, (openTop - y) / (openTop - top), true);
      }
      out[r * stride + c] = Math.round(w * 255);
    }
  }
}
