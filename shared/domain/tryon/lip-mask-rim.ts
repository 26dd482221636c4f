import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';

/**
 * The upper lip's lit rim (lip-mask.ts, after the alpha and before the holes are filled). Along the top
 * of the upper lip the vermilion border rolls outward and catches the light: a thin ridge paler and
 * brighter than the lip, in the skin's hue or greyer, so the colour calls it skin (or a tooth). When the
 * mesh puts the band's top edge at the ridge's foot, the ridge stays bare (astronaut: 36 of its 45
 * missed pixels, on a 188-pixel lip).
 *
 * Per grid column, the cells just above the band's top (up to RIM_REACH × the mouth's height) that the
 * tooth test calls pale and that are brighter than the skin `skinPx` above the band's top (by RIDGE)
 * are rim candidates; a row's run of candidates is the rim, and lip, only when it runs along the lip
 * for at least RIM_RUN × the mouth's width. A ridge is a line along the lip: the philtrum's ridges
 * are bright too, but run up from the lip, a few columns wide (jesper-2 lost 3.5 points of precision
 * to them without the run). Skin above the lips that is uniformly bright is no brighter than itself
 * further up (new-wave-2, whose band already reaches past the drawn outline): left alone.
 * A ridge's height also changes slowly along the lip (ridgeAlong): a run whose height jumps by two
 * cells between neighbouring columns is pale skin over the philtrum (bar-man) and stays bare. What is
 * coloured rises from the run's ends a cell a column, with a half-covered crest, so it reads as the
 * lip's edge and not as a block laid on it.
 */
export function colourUpperLipRim(mask: LipMask, mouthHeight: number, mouthWidth: number, skinPx: number): void {
  const { alpha, zone, tooth, side, luma, cols, rows, step } = mask;
  // Per grid column, how many cells of rim lie above the band's top (scratch: the hole search's patch, used next).
  const rim = mask.stack;
  const reach = Math.round((RIM_REACH * mouthHeight) / step);
  const skinRows = Math.round(skinPx / step);
  const minRun = Math.max(2, Math.round((RIM_RUN * mouthWidth) / step));
  for (let c = 0; c < cols; c++) {
    rim[c] = 0;
    let top = -1;
    for (let r = 0; r < rows && top < 0; r++) if (zone[r * cols + c] === 1) top = r;
    const skin = top - skinRows;
    if (top < 0 || skin < 0) continue;
    const limit = RIDGE * luma[skin * cols + c]!;
    for (let r = top - 1; r > skin && r >= top - reach; r--) {
      const cell = r * cols + c;
      if (zone[cell] !== 0 || side[cell] !== 0 || tooth[cell] === 0 || !(luma[cell]! > limit)) break;
      rim[c] = rim[c]! + 1;
    }
  }
  // The rim's height per column along each run (scratch: `label`, which the hole search resets next).
  const height = mask.label;
  for (let c = 0; c < cols;) {
    if (!along(rim, cols, c)) {
      c++;
      continue;
    }
    let end = c;
    while (end < cols && along(rim, cols, end)) end++;
    if (end - c >= minRun && ridgeAlong(rim, height, c, end)) {
      for (let k = c; k < end; k++) {
        let top = 0;
        while (top < rows && zone[top * cols + k] !== 1) top++;
        if (top === rows) continue;
        // The rim rises from the run's ends by a cell a column, and its crest is half covered: a slope
        // and a soft edge like the band's own, not a block with square shoulders (astronaut's centre).
        const h = Math.min(height[k]!, k - c, end - 1 - k);
        for (let r = Math.max(0, top - h); r < top; r++) alpha[r * LIP_MASK_SIZE + k] = r === top - h ? RIM_CREST : 255;
      }
    }
    c = end;
  }
}

/**
 * Fills `height` over the run [c, end) and answers whether it is a ridge along the lip. A column inside
 * the run that the tests turned down takes the lower of its neighbours' rims (no notch in the lip's
 * edge); the run's two ends are left as they are. A lit ridge's crest follows the lip's edge: from one
 * column to the next its height changes by a cell at most. Pale skin over the philtrum or stubble
 * above the lip that happens to pass the tests climbs and falls in steps of two cells or more (bar-man:
 * 1, 2, 2, 4, 3, 2, 4 under the cupid's bow, a blocky patch over the philtrum that precision, forgiving 3 px
 * around the outline, barely sees); such a run is left bare as a whole.
 */
function ridgeAlong(rim: Int32Array, height: Uint8Array, c: number, end: number): boolean {
  for (let k = c; k < end; k++) {
    let h = rim[k]!;
    if (h === 0) {
      const left = k > c ? rim[k - 1]! || (k - 1 > c ? rim[k - 2]! : 0) : 0;
      const right = k + 1 < end ? rim[k + 1]! || (k + 2 < end ? rim[k + 2]! : 0) : 0;
      h = Math.min(left, right);
    }
    height[k] = h;
  }
  for (let k = c + 2; k < end - 1; k++) if (Math.abs(height[k]! - height[k - 1]!) >= 2) return false;
  return true;
}

/** Whether column c runs along the rim: it has rim, or a neighbour has (a crease across the rim, one column the tests turned down, does not end it). */
function along(rim: Int32Array, cols: number, c: number): boolean {
  return rim[c] !== 0 || (c > 0 && rim[c - 1] !== 0) || (c + 1 < cols && rim[c + 1] !== 0);
}

/** How far above the band's top the rim can reach, as a share of the mouth's height. */
const RIM_REACH = 0.2;
/** How much brighter than the skin above it the rim is (astronaut's: 5–15 %; 4–10 % give the set's figures within a point, 3 % lets jesper-2's philtrum in). */
const RIDGE = 1.06;
/** The alpha of a rim's topmost cell. */
const RIM_CREST = 128;
/** The shortest rim along a row, as a share of the mouth's width. */
const RIM_RUN = 0.15;
