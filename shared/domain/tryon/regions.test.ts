import { describe, expect, it } from 'vitest';
import { BAND_ROWS, LEFT_CREASE, LEFT_LID, LIPS_BAND, LIPS_INNER, LIPS_OUTER, LID_BAND, RIGHT_CREASE, RIGHT_LID, bandIndices, chainBounds, fillBand } from './regions';
import { CANONICAL_BASIS } from './canonical-face';

describe('region chains', () => {
  it('pairs outer and inner lip contours point for point, all distinct', () => {
    expect(LIPS_OUTER.length).toBe(LIPS_INNER.length);
    expect(new Set([...LIPS_OUTER, ...LIPS_INNER]).size).toBe(LIPS_OUTER.length * 2);
    expect(RIGHT_LID.length).toBe(RIGHT_CREASE.length);
    expect(LEFT_LID.length).toBe(LEFT_CREASE.length);
    for (const chain of [LIPS_OUTER, LIPS_INNER, RIGHT_LID, LEFT_LID]) for (const i of chain) expect(i).toBeLessThan(468);
  });

  it('mirrors the eyes: each right-eye point has a left partner across the face', () => {
    // On the canonical face, x of a right-eye point is the negated x of its left partner.
    const canonicalX = new Map(CANONICAL_BASIS.map(([i, , x]) => [i, x]));
    expect(canonicalX.get(RIGHT_LID[0])).toBeCloseTo(-(canonicalX.get(LEFT_LID[0]) ?? NaN), 3);
  });
});

describe('fillBand', () => {
  it('builds a feathered ring whose mouth opening stays outside the solid rows', () => {
    const points = new Float32Array(478 * 3);
    // A synthetic mouth: outer contour a circle of radius 20, inner of radius 8, both around (100, 100).
    LIPS_OUTER.forEach((index, k) => {
      const angle = (k / LIPS_OUTER.length) * Math.PI * 2;
      points[index * 3] = 100 + 20 * Math.cos(angle);
      points[index * 3 + 1] = 100 + 20 * Math.sin(angle);
      const inner = LIPS_INNER[k]!;
      points[inner * 3] = 100 + 8 * Math.cos(angle);
      points[inner * 3 + 1] = 100 + 8 * Math.sin(angle);
    });
    const positions = new Float32Array(LIPS_BAND.columns * BAND_ROWS * 2);
    const alphas = new Float32Array(LIPS_BAND.columns * BAND_ROWS);
    fillBand(points, LIPS_INNER, LIPS_OUTER, LIPS_BAND, positions, alphas);
    const radius = (v: number) => Math.hypot(positions[v * 2]! - 100, positions[v * 2 + 1]! - 100);
    const n = LIPS_BAND.columns;
    expect(radius(0)).toBeCloseTo(8, 3);
    expect(alphas[0]).toBe(0);
    expect(radius(n)).toBeGreaterThan(8);
    expect(alphas[n]).toBe(1);
    expect(radius(2 * n)).toBeCloseTo(20, 3);
    expect(radius(3 * n)).toBeGreaterThan(20);
    expect(radius(3 * n)).toBeLessThan(24);
    expect(alphas[3 * n]).toBe(0);
  });

  it('indexes every triangle inside the vertex range, closed rings wrapping around', () => {
    const closed = bandIndices(20, true);
    expect(closed.length).toBe(20 * 3 * 6);
    expect(Math.max(...closed)).toBe(20 * BAND_ROWS - 1);
    const open = bandIndices(LID_BAND.columns, false);
    expect(open.length).toBe((LID_BAND.columns - 1) * 3 * 6);
  });

  it('bounds a chain of landmarks', () => {
    const points = new Float32Array(478 * 3);
    points[1 * 3] = 20;
    points[2 * 3 + 1] = 20;
    points[50 * 3] = 10;
    points[50 * 3 + 1] = 10;
    expect(chainBounds(points, [50, 1, 2])).toEqual({ minX: 0, minY: 0, maxX: 20, maxY: 20 });
  });
});
