import { describe, expect, it } from 'vitest';
import { changedPixels, dilate, erode, rasterPolygon, scoreLipMask, scoreLips, textureKept, type LipOutline, type Point } from './lip-score';

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

describe('textureKept (issue 16 §3)', () => {
  const W = 40;
  const H = 20;
  const image = (value: (x: number, y: number) => number): Uint8Array => {
    const rgba = new Uint8Array(W * H * 4);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const v = Math.max(0, Math.min(255, Math.round(value(x, y))));
        rgba.set([v, Math.round(v * 0.4), Math.round(v * 0.4), 255], (y * W + x) * 4);
      }
    return rgba;
  };
  const region = new Uint8Array(W * H).fill(1);
  const lines = (x: number): number => (x % 4 < 2 ? 1 : -1);
  const bare = image((x) => 150 + 20 * lines(x));

  it('is the same texture kept whole, nothing after a flat fill', () => {
    const same = textureKept(bare, bare, W, H, region);
    expect(same.amplitude).toBeCloseTo(1, 9);
    expect(same.correlation).toBeCloseTo(1, 9);
    const flat = textureKept(
      bare,
      image(() => 90),
      W,
      H,
      region,
    );
    expect(flat.amplitude).toBeCloseTo(0, 9);
    expect(flat.correlation).toBe(0);
  });

  it('measures a flattened texture as a smaller amplitude with the same pattern, and noise as an uncorrelated one', () => {
    const flattened = textureKept(
      bare,
      image((x) => 150 + 7 * lines(x)),
      W,
      H,
      region,
    );
    expect(flattened.amplitude).toBeGreaterThan(0.25);
    expect(flattened.amplitude).toBeLessThan(0.45);
    expect(flattened.correlation).toBeGreaterThan(0.95);
    const noise = textureKept(
      bare,
      image((x, y) => 150 + (20 * (((x * 7 + y * 13) % 5) - 2)) / 2),
      W,
      H,
      region,
    );
    expect(Math.abs(noise.correlation)).toBeLessThan(0.3);
  });

  it('only measures where the whole neighbourhood is in the region', () => {
    const half = new Uint8Array(W * H).map((_, i) => (i % W < W / 2 ? 1 : 0));
    const result = textureKept(
      bare,
      image((x) => (x < W / 2 ? 150 + 20 * lines(x) : 40)),
      W,
      H,
      half,
    );
    expect(result.amplitude).toBeCloseTo(1, 9);
    expect(result.pixels).toBe((W / 2 - 2) * (H - 2));
  });
});
