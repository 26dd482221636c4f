import { FEATURES, MIN_SEPARATION, colourOf, discriminant, discriminantBySide } from './lip-discriminant';
import { fillLipGloss } from './lip-finish';
import { fillHoles, liftInside } from './lip-mask-fill';
import { BINS, LIP_MASK_SIZE, measureOpening, type LipMask } from './lip-mask-grid';
import { cutBelowUpperLipShadow } from './lip-mask-shadow';
import { colourUpperLipRim } from './lip-mask-rim';
import { cutBetweenTeeth, cutWetInnerLip } from './lip-mask-teeth';
import { shiftScore } from './lip-mask-shift';
import { foreshortenFarSide } from './lip-mask-turn';
import { SRGB_TO_LINEAR } from './srgb';

export { LIP_MASK_SIZE, LipMask } from './lip-mask-grid';
import { LIPS_INNER, LIPS_OUTER, type Chain } from './regions';

/**
 * The lip mask refined from the image itself (issue 16 §1). The face mesh's lip contours are off by a
 * few pixels on real faces (teeth inside the inner contour, a bare strip along a closed mouth's lip
 * line, a band shifted on a turned head), so the contours only say where to look: around them, each
 * pixel is classified as lip or not from colour statistics sampled on that frame —
 *
 * - redness (r − g) / (r + g + b): lips are redder than the skin around them under any light, teeth
 *   (bright, grey-white) are the least red; the threshold sits between the lip and skin medians,
 *   re-estimated a few times from the pixels each side of it (2-means);
 * - a spatial prior: full inside the outer contour, fading to zero `margin` pixels outside it;
 * - the dark mouth of an open mouth is not lip (much darker than the lips' median), while the dark lip
 *   line of a closed mouth is (it is coloured, closing the line).
 * - on a turned head, the far half of the contours is pulled in first (lip-mask-turn.ts);
 * - under the upper lip of an open mouth, the lip ends at its shadow line (lip-mask-shadow.ts).
 *
 * The result is an 8-bit alpha grid over the mouth's box (one cell per image pixel, coarser for very
 * large mouths) with soft edges from the colour ramp. Pure and allocation-free per frame: all scratch
 * space lives in the LipMask.
 */

function gather(points: Float32Array, chain: Chain, out: Float32Array): void {
  for (let i = 0; i < chain.length; i++) {
    out[i * 2] = points[chain[i]! * 3]!;
    out[i * 2 + 1] = points[chain[i]! * 3 + 1]!;
  }
}

/**
 * How far (x, y) lies outside the box (0 inside it or on its edge): a lower bound of the distance to
 * any outline within the box, so cells farther than a ramp's reach skip the exact distance.
 */
function outsideBox(x: number, y: number, minX: number, minY: number, maxX: number, maxY: number): number {
  const dx = x < minX ? minX - x : x > maxX ? x - maxX : 0;
  const dy = y < minY ? minY - y : y > maxY ? y - maxY : 0;
  return dx === 0 && dy === 0 ? 0 : Math.sqrt(dx * dx + dy * dy);
}

function medianOf(histogram: Int32Array, scale: number): number {
  let total = 0;
  for (let k = 0; k < BINS; k++) total += histogram[k]!;
  let median = NaN;
  for (let k = 0, seen = 0; k < BINS; k++) {
    seen += histogram[k]!;
    if (total > 0 && seen * 2 >= total) {
      median = (k + 0.5) * scale;
      break;
    }
  }
  histogram.fill(0);
  return median;
}

/**
 * Refines the lip mask of one frame: `rgba` (width × height, top row first), `points` the tracked
 * landmarks (x, y, z per point, image pixels). Returns `mask.valid`.
 */
export function refineLipMask(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, points: Float32Array, mask: LipMask): boolean {
  mask.valid = false;
  const outer = mask.outerXY;
  const inner = mask.innerXY;
  gather(points, LIPS_OUTER, outer);
  gather(points, LIPS_INNER, inner);
  // A turned head's far half, which the mesh leaves too wide (lip-mask-turn.ts).
  mask.turn = foreshortenFarSide(outer, inner);
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    minX = Math.min(minX, outer[i]!);
    maxX = Math.max(maxX, outer[i]!);
    minY = Math.min(minY, outer[i + 1]!);
    maxY = Math.max(maxY, outer[i + 1]!);
  }
  const mouthHeight = maxY - minY;
  if (!(mouthHeight > 2) || !(maxX - minX > 4)) return false;
  // The mesh's band can sit several pixels off; look that far around it.
  const margin = Math.max(4, 0.3 * mouthHeight);
  // Inside an open mouth's inner contour, lip can reach only a little way in.
  const innerReach = 0.05 * mouthHeight + 1;
  const x0 = Math.max(0, Math.floor(minX - margin));
  const y0 = Math.max(0, Math.floor(minY - margin));
  const x1 = Math.min(width - 1, Math.ceil(maxX + margin));
  const y1 = Math.min(height - 1, Math.ceil(maxY + margin));
  if (x1 <= x0 || y1 <= y0) return false;
  const step = Math.max(1, Math.ceil(Math.max(x1 - x0 + 1, y1 - y0 + 1) / LIP_MASK_SIZE));
  const cols = Math.min(LIP_MASK_SIZE, Math.floor((x1 - x0) / step) + 1);
  const rows = Math.min(LIP_MASK_SIZE, Math.floor((y1 - y0) / step) + 1);
  const count = rows * cols;
  mask.x0 = x0;
  mask.y0 = y0;
  mask.step = step;
  mask.cols = cols;
  mask.rows = rows;
  const { features, luma, linearLuma, prior, zone, histogram, saturationHistogram, alpha, saturation, label, stats, tooth } = mask;
  histogram.fill(0);
  saturationHistogram.fill(0);
  // Cells outside this frame's grid must read as no lip (the grid is sampled as a texture).
  alpha.fill(0);

  // Features, zones and the spatial prior.
  const { outerScan, innerScan } = mask;
  outerScan.set(outer);
  innerScan.set(inner);
  for (let r = 0; r < rows; r++) {
    const y = y0 + r * step;
    outerScan.row(outer, y);
    innerScan.row(inner, y);
    for (let c = 0; c < cols; c++) {
      const x = x0 + c * step;
      const cell = r * cols + c;
      const i = (y * width + x) * 4;
      const R = rgba[i]!,
        G = rgba[i + 1]!,
        B = rgba[i + 2]!;
      // Minus the hue angle (skin leans to orange, lips to red and magenta), redness, brightness.
      features[cell * FEATURES] = -Math.atan2(1.7320508 * (G - B), 2 * R - G - B);
      features[cell * FEATURES + 1] = (4 * (R - G)) / (R + G + B + 1);
      features[cell * FEATURES + 2] = (0.299 * R + 0.587 * G + 0.114 * B) / 255;
      luma[cell] = 0.299 * R + 0.587 * G + 0.114 * B;
      linearLuma[cell] = 0.2126 * SRGB_TO_LINEAR[R]! + 0.7152 * SRGB_TO_LINEAR[G]! + 0.0722 * SRGB_TO_LINEAR[B]!;
      const hi = Math.max(R, G, B);
      saturation[cell] = (hi - Math.min(R, G, B)) / (hi + 1);
      // Outside the contour's box a cell is outside the contour, at least `away` from it.
      const away = outsideBox(x, y, minX, minY, maxX, maxY);
      if (away === 0 && outerScan.inside(x)) {
        const inMouth = innerScan.inside(x);
        zone[cell] = inMouth ? 2 : 1;
        // Inside the mouth opening: kept here as the depth (pixels) until we know whether it is open
        // (past innerReach, any depth gives no lip: Infinity).
        prior[cell] = inMouth ? innerScan.distance(x, y, innerReach) : 1;
        // The band's brightness and saturation (their medians, below).
        if (!inMouth) {
          histogram[Math.min(BINS - 1, Math.floor(luma[cell]!))]!++;
          saturationHistogram[Math.min(BINS - 1, Math.floor(saturation[cell]! * BINS))]!++;
        }
      } else {
        zone[cell] = 0;
        prior[cell] = away >= margin ? 0 : Math.max(0, 1 - outerScan.distance(x, y, margin) / margin);
      }
    }
  }
  // The band's median brightness and saturation: the dark inside of an open mouth is much darker than
  // the lips, teeth much greyer.
  const lipLuma = medianOf(histogram, 1);
  const lipSaturation = medianOf(saturationHistogram, 1 / BINS);
  if (!Number.isFinite(lipLuma) || !Number.isFinite(lipSaturation)) return false;
  const darkLimit = 0.55 * lipLuma;
  // Teeth: much greyer than the lips, whatever their hue angle says (1); or, inside the opening,
  // brighter and paler than the lips, as teeth look under warm light (2).
  const greyLimit = 0.5 * lipSaturation;
  // Open: teeth (grey) show inside the outer contour. A closed mouth's "opening" is the lip line
  // itself, and is coloured, dark as it is (no bare strip along it).
  let mouthCells = 0,
    mouthSeen = 0;
  for (let cell = 0; cell < count; cell++) {
    const t = saturation[cell]! < greyLimit ? 1 : luma[cell]! > 1.15 * lipLuma && saturation[cell]! < 0.8 * lipSaturation ? 2 : 0;
    tooth[cell] = t;
    if (zone[cell] === 0) continue;
    mouthCells++;
    if (t === 1 || (t === 2 && zone[cell] === 2)) mouthSeen++;
  }
  // An opening whose teeth would stand, on average, under OPEN_MIN_PX tall across the mouth is the lip
  // line (teeth glinting through parted lips): coloured like a closed mouth's.
  const open = mouthCells > 0 && mouthSeen > OPEN_SHARE * mouthCells && (mouthSeen * step * step) / (maxX - minX) >= OPEN_MIN_PX;
  mask.open = open;

  // Start: lip = the tracked band, skin = the ring between half the margin and the margin outside it;
  // then a few rounds of a two-class linear discriminant over every searched pixel.
  // The cells that can be labelled, listed in grid order: the discriminants' rounds visit only these.
  const eligible = mask.eligible;
  let eligibleCount = 0;
  for (let cell = 0; cell < count; cell++) {
    if (zone[cell] === 2) prior[cell] = open ? Math.max(0, 1 - prior[cell]! / innerReach) : 1;
    const e = prior[cell]! > 0 && (open || zone[cell] !== 2) && !excluded(tooth[cell]!, zone[cell]!, open, luma[cell]! < darkLimit);
    if (e) eligible[eligibleCount++] = cell;
    label[cell] = !e ? 255 : zone[cell] === 1 ? 1 : zone[cell] === 0 && prior[cell]! <= 0.5 ? 0 : 255;
  }
  mask.eligibleCount = eligibleCount;
  mask.seed.set(label.subarray(0, count));
  // After the first round, each round relabels the cells by the last one's discriminant first.
  for (let round = 0; round < 4; round++) {
    if (!discriminant(features, label, eligible, eligibleCount, stats, mask.sums, round > 0)) return false;
    // The band against its surroundings must differ to begin with: re-partitioning would split any
    // patch in two.
    if (round === 0 && !(stats[5]! >= MIN_SEPARATION)) return false;
  }
  mask.separation = stats[5]!;
  if (!(stats[5]! >= MIN_SEPARATION)) return false;

  // Colour alone: a soft ramp around the threshold; grey and the open mouth's dark are not lip.
  // Outside the band, a side of the mouth whose own lips and skin separate is judged by its own
  // discriminant (sideDiscriminants); everything else by the shared one.
  const sides = sideDiscriminants(mask, count);
  // In the same pass, per row: the band (+1) and an open mouth's opening (−1) as runs of cells
  // (row-major, the cells' order), and the running sums of colour − 0.5 (the shift search's look-ups).
  const { colour, side, sideStats, band, rowPrefix: prefix } = mask;
  const { row: runRow, start: runStart, end: runEnd, sign: runSign } = band;
  let runs = 0;
  let bandCount = 0;
  for (let r = 0, cell = 0; r < rows; r++) {
    const o = r * (cols + 1);
    prefix[o] = 0;
    for (let c = 0; c < cols; c++, cell++) {
      let a = 0;
      if (!excluded(tooth[cell]!, zone[cell]!, open, luma[cell]! < darkLimit))
        a = zone[cell] === 0 && sides & (1 << side[cell]!) ? colourOf(features, cell, sideStats, side[cell]! * 6) : colourOf(features, cell, stats);
      colour[cell] = a;
      prefix[o + c + 1] = prefix[o + c]! + (colour[cell]! - 0.5);
      const sign = zone[cell] === 1 ? 1 : open && zone[cell] === 2 ? -1 : 0;
      if (sign === 0) continue;
      if (sign > 0) bandCount++;
      if (runs > 0 && runRow[runs - 1] === r && runEnd[runs - 1] === c - 1 && runSign[runs - 1] === sign) runEnd[runs - 1] = c;
      else {
        runRow[runs] = r;
        runStart[runs] = c;
        runSign[runs] = sign;
        runEnd[runs++] = c;
      }
    }
  }
  band.runs = runs;
  band.cells = bandCount;

  // Where the band really is: the shift of the tracked contours (within the margin) that lands most
  // of the band on lip-coloured pixels and, on an open mouth, most of the opening on pixels that are
  // not (teeth, the dark mouth). It corrects a band the mesh placed a few pixels off (a turned head).
  // The opening keeps the band from sliding onto a lip-coloured chin or cheek: moved there, the
  // opening lands on the lip it leaves behind.
  const reach = Math.floor(margin / step);
  // Every second shift, then the neighbours of the best.
  let bestScore = shiftScore(band, prefix, cols, rows, 0, 0),
    bestDx = 0,
    bestDy = 0;
  // (A shift already scored, the start and then the best, is not scored again: it cannot score higher.)
  for (let dy = -reach; dy <= reach; dy += 2) {
    for (let dx = -reach; dx <= reach; dx += 2) {
      if (dx === 0 && dy === 0) continue;
      const score = shiftScore(band, prefix, cols, rows, dx, dy);
      if (score > bestScore) {
        bestScore = score;
        bestDx = dx;
        bestDy = dy;
      }
    }
  }
  const coarseDx = bestDx,
    coarseDy = bestDy;
  for (let dy = coarseDy - 1; dy <= coarseDy + 1; dy++) {
    for (let dx = coarseDx - 1; dx <= coarseDx + 1; dx++) {
      if (dx === coarseDx && dy === coarseDy) continue;
      const score = shiftScore(band, prefix, cols, rows, dx, dy);
      if (score > bestScore) {
        bestScore = score;
        bestDx = dx;
        bestDy = dy;
      }
    }
  }
  mask.shiftX = bestDx * step;
  mask.shiftY = bestDy * step;
  for (let i = 0; i < outer.length; i += 2) {
    outer[i] = outer[i]! + mask.shiftX;
    outer[i + 1] = outer[i + 1]! + mask.shiftY;
  }
  for (let i = 0; i < inner.length; i += 2) {
    inner[i] = inner[i]! + mask.shiftX;
    inner[i + 1] = inner[i + 1]! + mask.shiftY;
  }

  // Alpha: colour times a tight prior around the shifted band.
  const edge = 1;
  outerScan.set(outer);
  innerScan.set(inner);
  for (let r = 0; r < rows; r++) {
    const y = y0 + r * step;
    outerScan.row(outer, y);
    innerScan.row(inner, y);
    for (let c = 0; c < cols; c++) {
      const x = x0 + c * step;
      const cell = r * cols + c;
      let p: number;
      // Zones again, around the shifted band now: 0 outside, 1 lips, 2 an open mouth's opening.
      const away = outsideBox(x, y, minX + mask.shiftX, minY + mask.shiftY, maxX + mask.shiftX, maxY + mask.shiftY);
      if (away === 0 && outerScan.inside(x)) {
        const inMouth = open && innerScan.inside(x);
        p = inMouth ? Math.max(0, 1 - innerScan.distance(x, y, innerReach) / innerReach) : 1;
        zone[cell] = inMouth ? 2 : 1;
      } else {
        p = away >= edge ? 0 : Math.max(0, 1 - outerScan.distance(x, y, edge) / edge);
        zone[cell] = 0;
      }
      alpha[r * LIP_MASK_SIZE + c] = Math.round(colour[cell]! * p * 255);
    }
  }
  if (open) {
    measureOpening(mask);
    cutBelowUpperLipShadow(mask, lipLuma, innerReach);
    cutWetInnerLip(mask, innerReach);
    // A tooth is about a tenth of an open smile's width.
    cutBetweenTeeth(mask, (0.1 * (maxX - minX)) / step);
  }
  colourUpperLipRim(mask, mouthHeight, maxX - minX, margin);
  fillHoles(mask);
  liftInside(mask);
  // The finishes' reference: the lips' median linear luminance (binned on its square root, ~perceptual).
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) if (alpha[r * LIP_MASK_SIZE + c]! >= 128) histogram[Math.min(BINS - 1, Math.floor(Math.sqrt(linearLuma[r * cols + c]!) * BINS))]!++;
  }
  const root = medianOf(histogram, 1 / BINS);
  mask.lipLuminance = Number.isFinite(root) ? root * root : 0;
  mask.gloss.fill(0);
  fillLipGloss(outer, inner, mask, mask.gloss, LIP_MASK_SIZE);
  mask.valid = true;
  return true;
}

/**
 * Outside the tracked band, lip or skin is judged against the skin on that side of the mouth: the
 * upper lip faces down and the lower lip up, and the skin above the upper lip (philtrum, moustache)
 * and below the lower lip (chin, in the lower lip's shadow) differ from each other and from the face's
 * average; on a turned head the far side's skin, seen edge-on and in shade, is redder than the near
 * side's. So each side (above / below the opening's middle line) gets its own discriminant, from the
 * same start (its part of the band against its part of the ring), and decides the cells outside the
 * band; inside it the shared one, from all the samples, still decides (a thin, pale upper lip has too
 * few of its own). A side whose lips and skin do not separate keeps the shared decision. Writes each
 * cell's side and each side's discriminant into the mask; returns the sides that separate (a bit each).
 */
function sideDiscriminants(mask: LipMask, count: number): number {
  const { features, label, seed, side, eligible, eligibleCount, sideCells, cols, rows, step, x0, y0, innerXY, sideStats } = mask;
  // The opening's middle line, per grid column: the mean of the inner contour's upper and lower points
  // opposite each other (LIPS_INNER runs corner, lower lip, corner, upper lip), linear between them and
  // continued along the end segments beyond the corners.
  const half = LIPS_INNER.length / 2;
  const midX = mask.midX,
    midY = mask.midY;
  for (let i = 0; i <= half; i++) {
    const j = i === 0 || i === half ? i : LIPS_INNER.length - i;
    midX[i] = (innerXY[i * 2]! + innerXY[j * 2]!) / 2;
    midY[i] = (innerXY[i * 2 + 1]! + innerXY[j * 2 + 1]!) / 2;
  }
  const reversed = midX[half]! < midX[0]!;
  for (let c = 0, k = 0; c < cols; c++) {
    const x = x0 + c * step;
    // Segment k..k+1 (in increasing x) that holds x, or the end segment.
    while (k < half - 1 && x > midX[reversed ? half - k - 1 : k + 1]!) k++;
    const a = reversed ? half - k : k,
      b = reversed ? half - k - 1 : k + 1;
    const dx = midX[b]! - midX[a]!;
    const t = dx !== 0 ? (x - midX[a]!) / dx : 0;
    const middle = midY[a]! + t * (midY[b]! - midY[a]!);
    for (let r = 0; r < rows; r++) side[r * cols + c] = y0 + r * step < middle ? 0 : 1;
  }
  // Both sides at once, from the same start as the shared discriminant; a side drops out when its
  // classes empty or do not separate.
  // The eligible cells by side, each side's in grid order: the upper side's first, then the lower's.
  let split = 0;
  for (let k = 0; k < eligibleCount; k++) if (side[eligible[k]!] === 0) sideCells[split++] = eligible[k]!;
  for (let k = 0, at = split; k < eligibleCount; k++) if (side[eligible[k]!] === 1) sideCells[at++] = eligible[k]!;
  label.set(seed.subarray(0, count));
  let sides = 3;
  for (let round = 0; round < 4 && sides !== 0; round++) {
    sides &= discriminantBySide(features, label, sideCells, split, eligibleCount, sides, sideStats, mask.sums, round > 0);
    for (let s = 0; s < 2; s++) if (!(sideStats[s * 6 + 5]! >= MIN_SEPARATION)) sides &= ~(1 << s);
  }
  return sides;
}

/** Share of the pixels inside the outer contour that must be teeth for the mouth to count as open. */
const OPEN_SHARE = 0.04;
/** The mean height (image pixels) the teeth seen must reach, spread over the mouth's width, for it to count as open. */
const OPEN_MIN_PX = 2;

/** Not lip whatever the colour says: teeth, and the dark inside of an open mouth. */
function excluded(tooth: number, zone: number, open: boolean, dark: boolean): boolean {
  return tooth === 1 || (open && (dark || (tooth === 2 && zone === 2)));
}
