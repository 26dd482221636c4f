/** The lip mask's grid over the mouth's box and all its scratch space (lip-mask.ts fills it each frame). */
import { SUMS } from './lip-discriminant';
import { OutlineScan } from './lip-mask-outline';
import type { BandRuns } from './lip-mask-shift';
import { LIPS_INNER, LIPS_OUTER } from './regions';

/** Largest grid side in cells; a mouth box larger than this is sampled every `step` pixels. */
export const LIP_MASK_SIZE = 192;
const CELLS = LIP_MASK_SIZE * LIP_MASK_SIZE;
/** Luminance histogram bins (the lips' median). */
export const BINS = 256;

export class LipMask {
  /** Alpha per cell, row-major, `cols` × `rows` used of LIP_MASK_SIZE × LIP_MASK_SIZE. */
  readonly alpha = new Uint8Array(CELLS);
  /** Image pixel sampled by cell (0, 0), and pixels between cells. */
  x0 = 0;
  y0 = 0;
  step = 1;
  cols = 0;
  rows = 0;
  /** False when the lips could not be told from the skin (the caller falls back to the contours). */
  valid = false;
  /** How far apart lips and skin were, in pooled standard deviations (for tests and troubleshooting). */
  separation = 0;
  readonly features = new Float32Array(CELLS * 3);
  readonly luma = new Float32Array(CELLS);
  readonly saturation = new Float32Array(CELLS);
  readonly prior = new Float32Array(CELLS);
  /** 0 outside, 1 between the contours, 2 inside the inner contour. */
  readonly zone = new Uint8Array(CELLS);
  /** Per grid column, the first and last row of an open mouth's opening (zone 2), −1 for none: measureOpening. */
  readonly openingTop = new Int16Array(LIP_MASK_SIZE);
  readonly openingBottom = new Int16Array(LIP_MASK_SIZE);
  /** The most opening cells in one column. */
  openingTallest = 0;
  /** Scratch: the cells of the patch the hole search follows (lip-mask-fill.ts). */
  readonly stack = new Int32Array(CELLS);
  /** The band's and the opening's cells as runs along rows (scratch for the shift search, lip-mask-shift.ts). */
  readonly band: BandRuns = { runs: 0, cells: 0, row: new Int16Array(CELLS), start: new Int16Array(CELLS), end: new Int16Array(CELLS), sign: new Int8Array(CELLS) };
  /** Per grid row, running sums of the colour likelihood − 0.5, cols + 1 a row (the shift search's). */
  readonly rowPrefix = new Float64Array((LIP_MASK_SIZE + 1) * LIP_MASK_SIZE);
  /** 1 where a cell looks like teeth. */
  readonly tooth = new Uint8Array(CELLS);
  /** 1 lip, 0 skin, 255 not counted (the discriminant's classes). */
  readonly label = new Uint8Array(CELLS);
  /** The cells the colour may call lip (in reach of the band, not a tooth, not the open mouth's dark), in grid order: `eligibleCount` of them. */
  readonly eligible = new Int32Array(CELLS);
  eligibleCount = 0;
  /** The same cells by side of the opening (lip-mask.ts sideDiscriminants): the upper side's, then the lower's. */
  readonly sideCells = new Int32Array(CELLS);
  /** The discriminant's starting classes (the tracked band against the ring around it). */
  readonly seed = new Uint8Array(CELLS);
  /** 0 above the opening's middle line (the upper lip's side), 1 below it. */
  readonly side = new Uint8Array(CELLS);
  /** The opening's middle line (lip-mask.ts): one point per pair of opposite inner contour points. */
  readonly midX = new Float64Array(LIPS_INNER.length / 2 + 1);
  readonly midY = new Float64Array(LIPS_INNER.length / 2 + 1);
  readonly stats = new Float64Array(6);
  /** Each side's discriminant (lip-mask.ts sideDiscriminants), 6 numbers a side. */
  readonly sideStats = new Float64Array(12);
  /** The discriminants' counts, means and scatter, two groups (lip-discriminant.ts `gather`). */
  readonly sums = new Float64Array(2 * SUMS);
  /** Colour-only lip likelihood per cell (0–1). */
  readonly colour = new Float32Array(CELLS);
  /** Whether the last frame's mouth was open (teeth or the dark mouth showing). */
  open = false;
  /** How much a turned head's far half was pulled in (lip-mask-turn.ts; 0: none). */
  turn = 0;
  /** How far the tracked band was moved onto the lips (image pixels). */
  shiftX = 0;
  shiftY = 0;
  readonly histogram = new Int32Array(BINS);
  /** The band's saturation, binned alongside its brightness in `histogram`. */
  readonly saturationHistogram = new Int32Array(BINS);
  readonly outerXY = new Float32Array(LIPS_OUTER.length * 2);
  readonly innerXY = new Float32Array(LIPS_INNER.length * 2);
  /** The contours' per-row crossings and per-edge constants (lip-mask-outline.ts). */
  readonly outerScan = new OutlineScan(LIPS_OUTER.length);
  readonly innerScan = new OutlineScan(LIPS_INNER.length);
  /** Linear-light luminance per cell (Rec. 709 of the decoded sRGB), 0–1. */
  readonly linearLuma = new Float32Array(CELLS);
  /** The lips' median linear luminance (cells with alpha ≥ 1/2): the finishes' reference (lip-finish.ts). */
  lipLuminance = 0;
  /** How much gloss each cell catches from where it lies in the lips (lip-finish.ts), same layout as `alpha`. */
  readonly gloss = new Uint8Array(CELLS);
}

/**
 * Where an open mouth's opening lies in each grid column (openingTop/openingBottom, −1 where it does
 * not reach) and how many of its cells the tallest column holds, from the final zones: the passes that
 * cut colour back inside the opening (lip-mask-shadow.ts, lip-mask-teeth.ts) read it.
 */
export function measureOpening(mask: LipMask): void {
  const { zone, cols, rows, openingTop, openingBottom } = mask;
  let tallest = 0;
  for (let c = 0; c < cols; c++) {
    let top = -1,
      bottom = -1,
      n = 0;
    for (let r = 0; r < rows; r++) {
      if (zone[r * cols + c] !== 2) continue;
      if (top < 0) top = r;
      bottom = r;
      n++;
    }
    openingTop[c] = top;
    openingBottom[c] = bottom;
    tallest = Math.max(tallest, n);
  }
  mask.openingTallest = tallest;
}
