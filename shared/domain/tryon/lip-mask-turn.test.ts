import { describe, expect, it } from 'vitest';
import { LIP_MASK_SIZE, LipMask, refineLipMask } from './lip-mask';
import { foreshortenFarSide, mouthAsymmetry } from './lip-mask-turn';
import { rasterPolygon, scoreLipMask, type Point } from './lip-score';
import { LIPS_INNER, LIPS_OUTER } from './regions';

const W = 160;
const H = 120;
const SKIN: readonly [number, number, number] = [214, 160, 130];
const LIP: readonly [number, number, number] = [170, 70, 80];
/** A flushed cheek as red as the lips. */
const FLUSH: readonly [number, number, number] = [176, 74, 82];

/**
 * A mouth seen turned: an ellipse whose half toward the image's right (the far side, corner A of the
 * contour) is `far` px wide and the left half `near` px, as 20 points in LIPS_OUTER order (corner A,
 * lower middle, corner B, upper middle, clockwise on screen).
 */
function turned(cx: number, cy: number, near: number, far: number, ry: number): Point[] {
  return Array.from({ length: 20 }, (_, i) => {
    const t = (2 * Math.PI * i) / 20;
    return [cx + (Math.cos(t) > 0 ? far : near) * Math.cos(t), cy + ry * Math.sin(t)] as Point;
  });
}

const flat = (points: readonly Point[]): Float32Array => new Float32Array(points.flat());

describe('a turned head’s far side (lip-mask-turn)', () => {
  it('leaves a frontal mouth alone', () => {
    const outer = flat(turned(80, 60, 40, 38, 20));
    const inner = flat(turned(80, 60, 30, 28, 4));
    const before = outer.slice();
    expect(Math.abs(mouthAsymmetry(outer))).toBeLessThan(0.06);
    expect(foreshortenFarSide(outer, inner)).toBe(0);
    expect(outer).toEqual(before);
  });

  it('pulls the far corner toward the lips’ middle, more the more turned, and leaves the near half alone', () => {
    const outer = flat(turned(80, 60, 36, 24, 16));
    const inner = flat(turned(80, 60, 28, 18, 4));
    expect(mouthAsymmetry(outer)).toBeCloseTo(0.2, 5);
    const pull = foreshortenFarSide(outer, inner);
    expect(pull).toBeCloseTo(0.8 * (0.2 - 0.06), 5);
    // The far corner (corner A, on the right here) moves in; the near one does not.
    expect(outer[0]).toBeCloseTo(80 + 24 * (1 - pull), 4);
    expect(outer[1]).toBeCloseTo(60, 4);
    expect(outer[20]).toBeCloseTo(44, 4);
    // The middle stays; the inner contour's far corner moves in as well.
    expect(outer[30]).toBeCloseTo(80, 4);
    expect(inner[0]).toBeLessThan(80 + 18 - 1);
    // Mirrored (the far side on the left), the same pull.
    const mirrored = flat(turned(80, 60, 36, 24, 16).map(([x, y]) => [160 - x, y] as Point));
    expect(foreshortenFarSide(mirrored, flat(turned(80, 60, 28, 18, 4)))).toBeCloseTo(pull, 5);
  });

  it('keeps the colour off a flushed cheek past the far corner, which the mesh’s too-wide far half reaches', () => {
    // The lips as seen: near half 36 px, far half 19 px. The mesh's contour: far half 22 px (too
    // little foreshortened), reaching 3 px onto a cheek as red as the lips.
    const lips = turned(80, 60, 36, 19, 14);
    const tracked = turned(80, 60, 36, 22, 14);
    const closed = turned(80, 60, 30, 15, 0.6);
    const O = rasterPolygon(lips, W, H);
    const rgba = new Uint8Array(W * H * 4);
    for (let p = 0; p < W * H; p++) {
      const x = p % W,
        y = Math.floor(p / W);
      const n = (((p * 2654435761) >>> 0) % 9) - 4;
      const flushed = x >= 96 && x <= 112 && Math.abs(y - 60) <= 9;
      const colour = O[p] ? LIP : flushed ? FLUSH : SKIN;
      rgba.set([colour[0] + n, colour[1] + n, colour[2] + n, 255], p * 4);
    }
    const points = new Float32Array(478 * 3);
    LIPS_OUTER.forEach((index, i) => points.set([tracked[i]![0], tracked[i]![1], 0], index * 3));
    LIPS_INNER.forEach((index, i) => points.set([closed[i]![0], closed[i]![1], 0], index * 3));
    const mask = new LipMask();
    expect(refineLipMask(rgba, W, H, points, mask)).toBe(true);
    const changed = new Uint8Array(W * H);
    for (let r = 0; r < mask.rows; r++) {
      for (let c = 0; c < mask.cols; c++) if (mask.alpha[r * LIP_MASK_SIZE + c]! > 64) changed[(mask.y0 + r * mask.step) * W + mask.x0 + c * mask.step] = 1;
    }
    // The flushed cheek's pixels coloured beyond the lips' far corner.
    let cheek = 0;
    for (let y = 0; y < H; y++) for (let x = 80 + 19 + 1; x < W; x++) cheek += changed[y * W + x]!;
    const score = scoreLipMask(changed, W, H, { outer: lips, inner: closed, open: false });
    expect(cheek).toBe(0);
    expect(score.coverage).toBeGreaterThan(0.95);
    expect(score.precision).toBe(1);
  });
});
