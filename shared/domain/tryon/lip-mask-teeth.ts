import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';

/**
 * Two cuts in an open mouth's opening, where the teeth show where the lips end (lip-mask.ts, after the
 * shadow cut and before the holes are filled). Both only take back colour that reached into the tracked
 * opening (the inner contour's reach); the band itself is left alone.
 */

/**
 * Above the lower lip: the wet inner lip. Under the lower teeth, the inside of the lower lip faces up,
 * wet and as red as the lip, and the tracked inner contour often lies along its lower edge (qt-right:
 * 30 of its 44 leaked pixels). The colour's reach into the opening then carries the lip up over it,
 * toward the teeth. Per grid column, the run of lip-coloured cells up from the opening's bottom is
 * followed; when it ends on a tooth and is at least as tall as the reach, the red between the lower
 * teeth and the contour is the inner lip, not a lip edge the contour missed, and no colour reaches into
 * the opening in that column (down from its middle). A run that ends on the dark mouth, or one shorter
 * than the reach (the lower lip pressed against the upper teeth, new-wave-2), keeps the reach.
 */
export function cutWetInnerLip(mask: LipMask, reach: number): void {
  const { alpha, zone, colour, tooth, cols, step, openingTop, openingBottom } = mask;
  for (let c = 0; c < cols; c++) {
    const top = openingTop[c]!,
      bottom = openingBottom[c]!;
    if (top < 0) continue;
    const middle = (top + bottom) / 2;
    let end = bottom;
    while (end > middle && colour[end * cols + c]! >= 0.5) end--;
    const run = bottom - end;
    if (run === 0 || run * step < reach || tooth[end * cols + c] === 0) continue;
    for (let r = bottom; r > middle; r--) if (zone[r * cols + c] === 2) alpha[r * LIP_MASK_SIZE + c] = 0;
  }
}

/**
 * Between teeth: a cell of the opening with a tooth on each side in its row, each within `toothWidth`
 * cells, lies in the gap between two teeth (the dark, reddish gaps between incisors right under the
 * upper lip, which the colour calls lip: astronaut's 4 leaked pixels). It is not lip.
 */
export function cutBetweenTeeth(mask: LipMask, toothWidth: number): void {
  const { alpha, zone, tooth, cols, rows } = mask;
  const w = Math.max(1, Math.round(toothWidth));
  for (let r = 0; r < rows; r++) {
    for (let c = 1; c < cols - 1; c++) {
      const cell = r * cols + c;
      if (zone[cell] !== 2 || tooth[cell] !== 0 || alpha[r * LIP_MASK_SIZE + c] === 0) continue;
      let left = false,
        right = false;
      for (let k = 1; k <= w && c - k >= 0 && !left; k++) left = zone[cell - k] === 2 && tooth[cell - k] !== 0;
      for (let k = 1; k <= w && c + k < cols && !right; k++) right = zone[cell + k] === 2 && tooth[cell + k] !== 0;
      if (left && right) alpha[r * LIP_MASK_SIZE + c] = 0;
    }
  }
}
