import { describe, expect, it } from 'vitest';
import { LIPS_REFINED, mergeRefinedLips } from './refined-lips';
import { LIPS_INNER, LIPS_OUTER } from './regions';

describe('the 478-point lips over a 468-point result', () => {
  it('names 80 distinct mesh points, among them every point of both lip contours', () => {
    expect(LIPS_REFINED).toHaveLength(80);
    expect(new Set(LIPS_REFINED).size).toBe(80);
    expect(LIPS_REFINED.every((i) => i >= 0 && i < 468)).toBe(true);
    for (const i of [...LIPS_OUTER, ...LIPS_INNER]) expect(LIPS_REFINED).toContain(i);
  });

  it('takes x, y and z of those points from the refined result and leaves every other landmark', () => {
    const points = new Float32Array(478 * 3).map((_, k) => k);
    const refined = new Float32Array(478 * 3).map((_, k) => -k - 1);
    const before = Float32Array.from(points);
    mergeRefinedLips(points, refined);
    const lips = new Set(LIPS_REFINED);
    for (let i = 0; i < 478; i++) {
      for (let c = 0; c < 3; c++) {
        const k = i * 3 + c;
        expect(points[k]).toBe(lips.has(i) ? refined[k] : before[k]);
      }
    }
  });
});
