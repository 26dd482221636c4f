import { describe, expect, it } from 'vitest';
import { OneEuroFilterBank } from './one-euro';

describe('OneEuroFilterBank', () => {
  it('passes the first sample through and smooths jitter at rest', () => {
    const filter = new OneEuroFilterBank(1, { minCutoff: 1, beta: 0, derivativeCutoff: 1 });
    const v = new Float32Array([100]);
    filter.filter(v, 0);
    expect(v[0]).toBe(100);
    let maxDeviation = 0;
    for (let frame = 1; frame <= 60; frame++) {
      v[0] = 100 + (frame % 2 === 0 ? 3 : -3);
      filter.filter(v, frame * 33);
      maxDeviation = Math.max(maxDeviation, Math.abs(v[0]! - 100));
    }
    // ±3 px of alternating jitter comes out well under 1.5 px.
    expect(maxDeviation).toBeLessThan(1.5);
  });

  it('follows fast motion with less lag when beta is raised', () => {
    const lagWith = (beta: number) => {
      const filter = new OneEuroFilterBank(1, { minCutoff: 1, beta, derivativeCutoff: 1 });
      const v = new Float32Array(1);
      for (let frame = 0; frame <= 30; frame++) {
        v[0] = frame * 10; // 300 px/s
        filter.filter(v, frame * 33);
      }
      return 300 - v[0]!;
    };
    const slow = lagWith(0);
    const fast = lagWith(0.05);
    expect(fast).toBeLessThan(slow / 3);
    expect(fast).toBeGreaterThanOrEqual(0);
  });

  it('keeps the previous output for a repeated timestamp and restarts after reset', () => {
    const filter = new OneEuroFilterBank(2);
    const v = new Float32Array([1, 2]);
    filter.filter(v, 10);
    v.set([50, 60]);
    filter.filter(v, 10);
    expect(Array.from(v)).toEqual([1, 2]);
    filter.reset();
    v.set([50, 60]);
    filter.filter(v, 20);
    expect(Array.from(v)).toEqual([50, 60]);
  });

  it('refuses a buffer shorter than its channel count', () => {
    expect(() => new OneEuroFilterBank(4).filter(new Float32Array(3), 0)).toThrow(RangeError);
  });
});
