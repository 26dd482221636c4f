import { describe, expect, it } from 'vitest';
import { FrameStats } from './frame-stats';

describe('FrameStats', () => {
  it('reports frames and mean inference since the last read, then restarts', () => {
    const stats = new FrameStats();
    expect(stats.take()).toEqual({ fps: 0, inferenceMs: 0 });
    for (let i = 0; i < 30; i++) stats.frameDrawn();
    stats.inferred(10);
    stats.inferred(20);
    expect(stats.take()).toEqual({ fps: 30, inferenceMs: 15 });
    expect(stats.take()).toEqual({ fps: 0, inferenceMs: 0 });
  });
});
