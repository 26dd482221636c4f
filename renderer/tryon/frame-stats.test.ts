import { describe, expect, it } from 'vitest';
import { FrameStats } from './frame-stats';

describe('FrameStats', () => {
  it('reports frames and mean inference since the last read, then restarts', () => {
    const stats = new FrameStats();
    expect(stats.take()).toEqual({ fps: 0, sourceFps: 0, inferenceMs: 0 });
    for (let i = 0; i < 30; i++) stats.frameDrawn();
    stats.inferred(10);
    stats.inferred(20);
    expect(stats.take()).toEqual({ fps: 30, sourceFps: 0, inferenceMs: 15 });
    expect(stats.take()).toEqual({ fps: 0, sourceFps: 0, inferenceMs: 0 });
  });

  it('counts the frames the source delivered, including ones never drawn', () => {
    const stats = new FrameStats();
    stats.sourcePresented(100);
    for (let n = 101; n <= 130; n++) stats.sourcePresented(n);
    for (let i = 0; i < 28; i++) stats.frameDrawn();
    expect(stats.take()).toMatchObject({ fps: 28, sourceFps: 30 });
    stats.sourcePresented(160);
    expect(stats.take()).toMatchObject({ fps: 0, sourceFps: 30 });
    stats.resetSource();
    stats.sourcePresented(5);
    stats.sourcePresented(9);
    expect(stats.take().sourceFps).toBe(4);
  });
});
