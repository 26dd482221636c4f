import { describe, expect, it } from 'vitest';
import { changedPixels, dilate, erode, rasterPolygon, scoreLipMask, scoreLips, type LipOutline, type Point } from './lip-score';

const W = 40;
const H = 30;
const count = (mask: Uint8Array): number => mask.reduce((s, v) => s + v, 0);
const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** Lips 10..29 × 8..20, an opening 14..25 × 11..18. */
const OPEN: LipOutline = { outer: rect(10, 8, 29, 20), inner: rect(14, 11, 25, 18), open: true };

function paint(mask: (x: number, y: number) => boolean): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = mask(x, y) ? 1 : 0;
  return out;
}

describe('lip score', () => {
  it('rasterises a polygon by pixel centres, top and left edges in, bottom and right of a half-open scan out', () => {
    const mask = rasterPolygon(rect(2, 2, 5, 5), 10, 10);
    expect(count(mask)).toBe(4 * 3);
    expect(mask[2 * 10 + 2]).toBe(1);
    expect(mask[5 * 10 + 2]).toBe(0);
    // A triangle: about half its box.
    const tri = count(
      rasterPolygon(
        [
          [0, 0],
          [20, 0],
          [0, 20],
        ],
        30,
        30,
      ),
    );
    expect(tri).toBeGreaterThan(190);
    expect(tri).toBeLessThan(240);
  });

  it('dilates and erodes by a Euclidean disc', () => {
    const dot = new Uint8Array(11 * 11);
    dot[5 * 11 + 5] = 1;
    expect(count(dilate(dot, 11, 11, 1))).toBe(5);
    expect(count(dilate(dot, 11, 11, 3))).toBe(29);
    const square = rasterPolygon(rect(2, 2, 9, 9), 11, 11);
    expect(count(erode(square, 11, 11, 1))).toBe(count(rasterPolygon(rect(3, 3, 8, 8), 11, 11)));
  });

  it('counts a pixel as changed only when a channel moved by more than 12', () => {
    const before = new Uint8Array([100, 100, 100, 255, 100, 100, 100, 255, 100, 100, 100, 255]);
    const after = new Uint8Array([112, 100, 100, 255, 100, 87, 100, 255, 100, 100, 113, 0]);
    expect([...changedPixels(before, after, 3, 1)]).toEqual([0, 1, 1]);
    expect(() => changedPixels(before, after.subarray(4), 3, 1)).toThrow();
  });

  it('scores a lipstick exactly on the lip band as perfect', () => {
    const outer = rasterPolygon(OPEN.outer, W, H);
    const inner = rasterPolygon(OPEN.inner, W, H);
    const score = scoreLipMask(
      paint((x, y) => outer[y * W + x] === 1 && inner[y * W + x] === 0),
      W,
      H,
      OPEN,
    );
    expect(score.precision).toBe(1);
    expect(score.coverage).toBe(1);
    expect(score.leak).toBe(0);
  });

  it('measures teeth coloured as leak, and a closed mouth has none', () => {
    const outer = rasterPolygon(OPEN.outer, W, H);
    const whole = scoreLipMask(
      paint((x, y) => outer[y * W + x] === 1),
      W,
      H,
      OPEN,
    );
    expect(whole.leak).toBe(1);
    expect(whole.coverage).toBe(1);
    expect(
      scoreLipMask(
        paint((x, y) => outer[y * W + x] === 1),
        W,
        H,
        { ...OPEN, open: false },
      ).leak,
    ).toBeNull();
  });

  it('measures colour beyond 3 px of the outline as lost precision and a band shifted down as lost coverage', () => {
    const outer = rasterPolygon(OPEN.outer, W, H);
    const inner = rasterPolygon(OPEN.inner, W, H);
    const lips = (x: number, y: number) => outer[y * W + x] === 1 && inner[y * W + x] === 0;
    // 3 px past the outline still counts as on the lips; 4 px does not.
    expect(
      scoreLipMask(
        paint((x, y) => lips(x, y) || (x >= 30 && x <= 32 && y >= 10 && y <= 15)),
        W,
        H,
        OPEN,
      ).precision,
    ).toBe(1);
    const spill = scoreLipMask(
      paint((x, y) => lips(x, y) || (x >= 33 && x <= 36 && y >= 10 && y <= 15)),
      W,
      H,
      OPEN,
    );
    expect(spill.precision).toBeCloseTo(count(paint(lips)) / (count(paint(lips)) + 24), 6);
    const shifted = scoreLipMask(
      paint((x, y) => y >= 5 && lips(x, y - 5)),
      W,
      H,
      OPEN,
    );
    expect(shifted.coverage).toBeLessThan(0.75);
    expect(shifted.leak).toBeGreaterThan(0);
  });

  it('scores two RGBA frames end to end', () => {
    const before = new Uint8Array(W * H * 4).fill(128);
    const after = before.slice();
    const outer = rasterPolygon(OPEN.outer, W, H);
    for (let p = 0; p < W * H; p++) if (outer[p]) after[p * 4] = 200;
    const score = scoreLips(before, after, W, H, OPEN);
    expect(score.precision).toBe(1);
    expect(score.leak).toBe(1);
    expect(score.changed).toBe(count(outer));
  });
});
