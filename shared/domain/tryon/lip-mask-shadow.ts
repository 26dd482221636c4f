import { LIP_MASK_SIZE, type LipMask } from './lip-mask-grid';

/**
 * Under the upper lip of an open mouth, where the lip ends (lip-mask.ts, after the alpha and before
 * the holes are filled). The upper lip overhangs the mouth and, lit from above, casts a shadow line
 * along its inner edge; below it come the gums and the inner lip in shade, red enough for the colour
 * test to call them lip. The mesh's inner contour can sit a few pixels below that line (jesper-2: the
 * colour reached 3 px into the real opening along the whole upper lip, 13 % of the opening coloured).
 *
 * So, per column of the grid, around the top of the (shifted) tracked opening — `reach` image pixels
 * above and below it — the darkest cell is found; if it is a shadow (under SHADOW × the lips' median
 * brightness), the opening's cells below it, down to the opening's middle, are not lip. Only where the
 * opening is at least half as tall as at its tallest: toward the corners the lip's edge runs nearly
 * along the column and the darkest cell of a column is no longer the line under the lip (new-wave-2
 * lost 1.4 points of coverage there). The lower lip is left alone: its inner side faces the light and
 * is lip (the wet inner lip), and the dark of the mouth above it is already ruled out by its darkness.
 */
export function cutBelowUpperLipShadow(mask: LipMask, lipLuma: number, reach: number): void {
  const { alpha, zone, luma, cols, openingTop, openingBottom, openingTallest } = mask;
  const window = Math.ceil(reach / mask.step);
  const shadow = SHADOW * lipLuma;
  for (let c = 0; c < cols; c++) {
    const top = openingTop[c]!,
      bottom = openingBottom[c]!;
    if (top < 0 || 2 * (bottom - top + 1) < openingTallest) continue;
    let darkest = -1;
    for (let r = Math.max(0, top - window); r <= Math.min(bottom, top + window); r++) {
      if (zone[r * cols + c] !== 0 && (darkest < 0 || luma[r * cols + c]! < luma[darkest * cols + c]!)) darkest = r;
    }
    if (darkest < 0 || !(luma[darkest * cols + c]! < shadow)) continue;
    const middle = (top + bottom) / 2;
    for (let r = darkest + 1; r <= middle; r++) if (zone[r * cols + c] === 2) alpha[r * LIP_MASK_SIZE + c] = 0;
  }
}

/** A cell darker than this share of the lips' median brightness is a shadow, not lip in light. */
const SHADOW = 0.75;
