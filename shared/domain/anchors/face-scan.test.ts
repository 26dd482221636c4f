import { describe, expect, it } from 'vitest';
import { faceScanTimes } from './face-scan';

describe('faceScanTimes', () => {
  it('spreads the samples over the video, inside it, in order', () => {
    expect(faceScanTimes(8000)).toEqual([500, 1500, 2500, 3500, 4500, 5500, 6500, 7500]);
    expect(faceScanTimes(3000, 3)).toEqual([500, 1500, 2500]);
    const times = faceScanTimes(2345);
    expect(times[0]).toBeGreaterThan(0);
    expect(times.at(-1)).toBeLessThan(2345);
  });

  it('looks once at a photo (no duration)', () => {
    expect(faceScanTimes(0)).toEqual([0]);
    expect(faceScanTimes(Number.NaN)).toEqual([0]);
  });
});
