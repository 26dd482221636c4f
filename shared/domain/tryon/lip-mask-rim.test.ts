import { describe, expect, it } from 'vitest';
import { LipMask, refineLipMask } from './lip-mask';
import { rasterPolygon } from './lip-score';
import { H, LIP, W, alphaAt, ellipse, landmarks, paint, photo, type Rgb } from './lip-mask-synthetic';

/** A rim catching the light: brighter and paler than the skin, far paler than the lips. */
const RIM: Rgb = [240, 215, 200];

describe('lip mask: the upper lip’s lit rim (lip-mask-rim)', () => {
  // A closed mouth, its lip line 1 px tall; the lips' true top at y 40.
  const outer = ellipse(80, 60, 40, 20);
  const line = ellipse(80, 60, 36, 1);
  // The mesh's outer contour starts at the rim's foot: its top 3 px lower in the middle, 1.5 px at the corners.
  const tracked = ellipse(80, 61.5, 40, 18.5);

  it('colours a pale, bright rim along the top of the upper lip that the band leaves out', () => {
    const rgba = photo(outer, line, () => LIP);
    const O = rasterPolygon(outer, W, H);
    const T = rasterPolygon(tracked, W, H);
    for (let y = 0; y < 60; y++) for (let x = 0; x < W; x++) if (O[y * W + x] && !T[y * W + x]) paint(rgba, x, y, RIM);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(tracked, line), mask)).toBe(true);
    expect(mask.shiftY).toBe(0);
    for (const x of [70, 80, 90]) {
      // The rim's crest is half covered (a soft edge like the band's), the cells under it fully.
      expect(alphaAt(mask, x, 41), `${x}`).toBe(128);
      expect(alphaAt(mask, x, 42), `${x}`).toBe(255);
    }
    // The skin above the rim stays bare.
    expect(alphaAt(mask, 80, 38)).toBe(0);
  });

  it('leaves bright skin above the lips alone: ridges running up from the lip, or skin as bright all the way up', () => {
    // Two philtrum ridges 3 px wide from the lips' top 10 px up, as pale and bright as the rim above.
    const ridges = photo(outer, line, () => LIP);
    const O = rasterPolygon(outer, W, H);
    for (let y = 30; y < 45; y++) for (const x of [74, 75, 76, 84, 85, 86]) if (!O[y * W + x]) paint(ridges, x, y, RIM);
    const mask = new LipMask();
    expect(refineLipMask(ridges, W, H, landmarks(outer, line), mask)).toBe(true);
    for (const x of [75, 85]) for (const y of [37, 39]) expect(alphaAt(mask, x, y), `${x},${y}`).toBe(0);
    // Skin as bright and pale as a rim everywhere above the lips.
    const pale = photo(outer, line, () => LIP);
    for (let y = 0; y < 58; y++) for (let x = 0; x < W; x++) if (!O[y * W + x]) paint(pale, x, y, RIM);
    expect(refineLipMask(pale, W, H, landmarks(outer, line), mask)).toBe(true);
    for (const x of [70, 80, 90]) expect(alphaAt(mask, x, 38), `${x}`).toBe(0);
  });

  it('leaves a pale patch above the lip bare when its height jumps from column to column (skin over the philtrum, not a ridge)', () => {
    // The band as in the first test, and above its top pale, bright cells 1 and 3 px tall in turns, two columns each.
    const rgba = photo(outer, line, () => LIP);
    const T = rasterPolygon(tracked, W, H);
    const topOf = (x: number): number => {
      let y = 0;
      while (y < H && !T[y * W + x]) y++;
      return y;
    };
    for (let x = 56; x <= 104; x++) for (let k = 1; k <= ((x >> 1) & 1 ? 3 : 1); k++) paint(rgba, x, topOf(x) - k, RIM);
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(tracked, line), mask)).toBe(true);
    for (const x of [70, 71, 78, 79, 86, 87]) for (let k = 1; k <= 3; k++) expect(alphaAt(mask, x, topOf(x) - k), `${x},${topOf(x) - k}`).toBe(0);
  });
});
