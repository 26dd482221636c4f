import { describe, expect, it } from 'vitest';
import { LipMask, refineLipMask } from './lip-mask';
import { LIP, TEETH, DARK, W, H, alphaAt, ellipse, landmarks, photo, type Rgb } from './lip-mask-synthetic';

/** The wet inside of a lip, or the gum between two teeth: as red as the lips. */
const WET: Rgb = [165, 66, 76];

describe('lip mask: where the teeth end the lips (lip-mask-teeth)', () => {
  // A 40 px tall mouth: the colour reaches 0.05 × 40 + 1 = 3 px into the tracked opening.
  const outer = ellipse(80, 60, 40, 20);
  const opening = ellipse(80, 60, 30, 10);
  // The opening's middle column runs from y 50 to y 70.

  it('does not carry the lower lip up over the wet inner lip under the lower teeth', () => {
    // Teeth, then 5 px of wet inner lip as red as the lips above the opening's bottom edge, which is
    // where the mesh puts the inner contour (qt-right). The wet lip is the opening's, not the lips'.
    const rgba = photo(outer, opening, (_x, y, _top, bottom) => (y > bottom - 5 ? WET : TEETH));
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, opening), mask)).toBe(true);
    expect(mask.open).toBe(true);
    for (const x of [70, 80, 90]) {
      for (let y = 66; y <= 69; y++) expect(alphaAt(mask, x, y), `${x},${y}`).toBe(0);
      // The lower lip itself is still coloured up to the contour.
      expect(alphaAt(mask, x, 72)).toBe(255);
    }
  });

  it('still reaches up where the lower lip meets the teeth within the reach, or the dark mouth', () => {
    // The lower lip's edge 2 px above the mesh's contour, straight against the teeth (new-wave-2): those
    // 2 px are lip. Left of the middle the teeth give way to the dark mouth above 3 px of lip.
    const rgba = photo(outer, opening, (x, y, _top, bottom) => (y > bottom - 2 ? LIP : x < 80 && y > bottom - 3 - 4 && y <= bottom - 3 ? LIP : x < 80 && y <= bottom - 7 ? DARK : TEETH));
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, opening), mask)).toBe(true);
    expect(mask.open).toBe(true);
    expect(alphaAt(mask, 90, 69)).toBeGreaterThan(64);
    expect(alphaAt(mask, 70, 69)).toBeGreaterThan(64);
  });

  it('leaves the gaps between the upper teeth uncoloured under the upper lip', () => {
    // Upper teeth 5 px wide with 2 px gaps as red as the lips between them, right under the upper lip
    // (the mesh's contour is the opening's edge): the colour's reach from above stops at the teeth.
    const rgba = photo(outer, opening, (x) => ((x - 60) % 7 < 2 ? WET : TEETH));
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, landmarks(outer, opening), mask)).toBe(true);
    expect(mask.open).toBe(true);
    for (const x of [67, 74, 81, 88]) expect(alphaAt(mask, x, 52), `${x}`).toBe(0);
    // The upper lip above the gaps is coloured.
    expect(alphaAt(mask, 81, 48)).toBe(255);
  });
});
