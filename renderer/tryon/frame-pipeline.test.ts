import { describe, expect, it } from 'vitest';
import { runFramePipeline, type FrameSteps } from './frame-pipeline';

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A camera with `frames` frames waiting one after another, and a tracker that answers in a later
 * task (as a worker does): each launch takes the next frame into the other slot, and its landmarks
 * land in the shared face state when its tracking settles.
 */
function fakeEngine(frames: number, options: { stopAfterDraws?: number } = {}) {
  const log: string[] = [];
  let taken = 0;
  let face = -1;
  const slotFrame = [-1, -1];
  const tracking: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
  let draws = 0;
  let live = true;
  const inTracker = new Set<number>();
  const drawnWhileNextTracked: boolean[] = [];
  const steps: FrameSteps = {
    async launch() {
      if (taken >= frames) return -1;
      const frame = taken++;
      const slot = frame % 2;
      await tick(); // the read-out
      slotFrame[slot] = frame;
      inTracker.add(frame);
      log.push(`launch ${frame}`);
      tracking[slot] = tick(2).then(() => {
        face = frame;
        inTracker.delete(frame);
        log.push(`tracked ${frame}`);
      });
      return slot;
    },
    tracked: (slot) => tracking[slot]!,
    waiting: () => taken < frames,
    current: (run) => live && run === 1,
    draw(slot) {
      const frame = slotFrame[slot]!;
      // Drawn with its own landmarks, never the next frame's.
      log.push(`draw ${frame} with ${face}`);
      drawnWhileNextTracked.push(inTracker.has(frame + 1));
      if (++draws === options.stopAfterDraws) live = false;
    },
  };
  return { steps, log, drawnWhileNextTracked };
}

describe('runFramePipeline', () => {
  it('hands the next frame to the tracker before drawing this one, each drawn with its own landmarks', async () => {
    const engine = fakeEngine(3);
    await runFramePipeline(engine.steps, 1);
    expect(engine.log).toEqual(['launch 0', 'tracked 0', 'launch 1', 'draw 0 with 0', 'tracked 1', 'launch 2', 'draw 1 with 1', 'tracked 2', 'draw 2 with 2']);
    // The next frame's inference overlaps each drawing but the last (no frame waited then).
    expect(engine.drawnWhileNextTracked).toEqual([true, true, false]);
  });

  it('stops drawing when the source changes', async () => {
    const engine = fakeEngine(5, { stopAfterDraws: 2 });
    await runFramePipeline(engine.steps, 1);
    expect(engine.log.filter((line) => line.startsWith('draw'))).toEqual(['draw 0 with 0', 'draw 1 with 1']);
    // The frame launched meanwhile is not drawn (its tracking still settles: the tracker owns it).
    expect(engine.log.at(-1)).toBe('tracked 2');
  });

  it('does nothing without a waiting frame', async () => {
    const engine = fakeEngine(0);
    await runFramePipeline(engine.steps, 1);
    expect(engine.log).toEqual([]);
  });
});
