import { describe, expect, it } from 'vitest';
import { FrameTimings } from './frame-timings';

describe('FrameTimings', () => {
  it('gives each stage its median over the frames timed, and the interval between drawn frames', () => {
    const timings = new FrameTimings();
    for (const ms of [3, 1, 2]) timings.add('refine', ms);
    for (const ms of [4, 1, 3, 2]) timings.add('track', ms);
    for (const now of [100, 110, 125, 137]) timings.drawn(now);
    const medians = timings.medians();
    expect(medians.refine).toEqual({ median: 2, count: 3 });
    expect(medians.track).toEqual({ median: 2.5, count: 4 });
    // Three intervals between four drawn frames: 10, 15, 12.
    expect(medians.interval).toEqual({ median: 12, count: 3 });
    expect(medians.readback.count).toBe(0);
    expect(medians.readback.median).toBeNaN();
  });

  it('forgets the warm-up, the last drawn frame included', () => {
    const timings = new FrameTimings();
    timings.add('draw', 50);
    timings.drawn(0);
    timings.clear();
    timings.drawn(1000);
    timings.drawn(1010);
    timings.add('draw', 5);
    const medians = timings.medians();
    expect(medians.draw).toEqual({ median: 5, count: 1 });
    expect(medians.interval).toEqual({ median: 10, count: 1 });
  });
});
