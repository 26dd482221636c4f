import { describe, expect, it } from 'vitest';
import type { PixelFrame } from './frame-pixels';
import { StillRefiner } from './still-refiner';
import type { Tracker, TrackerInfo } from './tracker';

/** A refined tracker whose estimates finish when the test says so; each writes its frame's first byte as x of landmark 0. */
class FakeTracker implements Tracker {
  readonly info: TrackerInfo = { backend: 'wasm', landmarks: 478, threads: false, worker: true };
  readonly seen: number[] = [];
  readonly calls: string[] = [];
  disposed = false;
  private finishers: Array<() => void> = [];
  /** Landmark count answered (0: no face). */
  count = 478;

  estimate(frame: PixelFrame, out: Float32Array, still: boolean): Promise<number> {
    this.calls.push(still ? 'estimate-still' : 'estimate-live');
    const value = frame.data[0]!;
    this.seen.push(value);
    return new Promise((resolve) => {
      this.finishers.push(() => {
        out[0] = value;
        resolve(this.count);
      });
    });
  }

  /** Finishes the oldest running estimate; lets the refiner's continuations run. */
  async finish(): Promise<void> {
    this.finishers.shift()?.();
    await flush();
  }

  get running(): number {
    return this.finishers.length;
  }

  reset(): void {
    this.calls.push('reset');
  }

  dispose(): void {
    this.disposed = true;
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const frame = (value: number): PixelFrame => ({ data: new Uint8Array([value, 0, 0, 255]), width: 1, height: 1 });

function setup(tracker = new FakeTracker()) {
  let creations = 0;
  const refiner = new StillRefiner(async () => {
    creations++;
    return tracker;
  });
  return { refiner, tracker, creations: () => creations };
}

/** Records what a request answered: the first landmark's x, null, or 'open' while unanswered. */
function watch(answer: Promise<Float32Array | null>): { value: number | null | 'open' } {
  const box: { value: number | null | 'open' } = { value: 'open' };
  void answer.then((points) => (box.value = points ? points[0]! : null));
  return box;
}

describe('StillRefiner: the stills second pass with the 478-point mesh', () => {
  it('loads the refined model once, lazily, on the first still', async () => {
    const { refiner, tracker, creations } = setup();
    expect(refiner.started).toBe(false);
    expect(creations()).toBe(0);
    const first = watch(refiner.request(frame(1)));
    await flush();
    expect(refiner.started).toBe(true);
    await tracker.finish();
    const second = watch(refiner.request(frame(2)));
    await flush();
    await tracker.finish();
    expect([first.value, second.value]).toEqual([1, 2]);
    expect(creations()).toBe(1);
  });

  it('answers with the refined landmarks of a copy of the still: pending, then refined', async () => {
    const { refiner, tracker } = setup();
    expect(refiner.state).toBe('tracker');
    const still = frame(7);
    const answer = watch(refiner.request(still));
    // The caller reuses its buffer at once (the engine's one pixel buffer): the refiner has its own copy.
    still.data[0] = 99;
    expect(refiner.state).toBe('pending');
    await flush();
    await tracker.finish();
    expect(answer.value).toBe(7);
    expect(tracker.seen).toEqual([7]);
    expect(refiner.state).toBe('refined');
  });

  it('starts each still from a fresh face box (reset before the estimate), as a still', async () => {
    const { refiner, tracker } = setup();
    void refiner.request(frame(1));
    await flush();
    await tracker.finish();
    void refiner.request(frame(2));
    await flush();
    await tracker.finish();
    expect(tracker.calls).toEqual(['reset', 'estimate-still', 'reset', 'estimate-still']);
  });

  it('runs one estimate at a time and redraws only the newest still', async () => {
    const { refiner, tracker } = setup();
    const a = watch(refiner.request(frame(1)));
    await flush();
    expect(tracker.running).toBe(1);
    // Two more photos while the first is being estimated: the middle one is never estimated.
    const b = watch(refiner.request(frame(2)));
    const c = watch(refiner.request(frame(3)));
    await flush();
    expect(b.value).toBeNull();
    expect(tracker.running).toBe(1);
    await tracker.finish();
    // The first answer is discarded (a newer still is on screen); the newest starts.
    expect(a.value).toBeNull();
    expect(refiner.state).toBe('pending');
    expect(tracker.running).toBe(1);
    await tracker.finish();
    expect(c.value).toBe(3);
    expect(tracker.seen).toEqual([1, 3]);
    expect(refiner.state).toBe('refined');
  });

  it('answers nothing once the source changed (cancel), and refines the next still normally', async () => {
    const { refiner, tracker } = setup();
    const a = watch(refiner.request(frame(1)));
    await flush();
    refiner.cancel();
    expect(refiner.state).toBe('tracker');
    await tracker.finish();
    expect(a.value).toBeNull();
    expect(refiner.state).toBe('tracker');
    const b = watch(refiner.request(frame(2)));
    await flush();
    await tracker.finish();
    expect(b.value).toBe(2);
  });

  it('cancel drops a still waiting behind a running one', async () => {
    const { refiner, tracker } = setup();
    void refiner.request(frame(1));
    await flush();
    const waiting = watch(refiner.request(frame(2)));
    refiner.cancel();
    await flush();
    expect(waiting.value).toBeNull();
    await tracker.finish();
    expect(tracker.running).toBe(0);
    expect(tracker.seen).toEqual([1]);
  });

  it('keeps the 468-point lips when the refined mesh finds no face', async () => {
    const { refiner, tracker } = setup();
    tracker.count = 0;
    const answer = watch(refiner.request(frame(1)));
    await flush();
    await tracker.finish();
    expect(answer.value).toBeNull();
    expect(refiner.state).toBe('failed');
  });

  it('gives up for good when the refined model cannot load (no retry)', async () => {
    let attempts = 0;
    const refiner = new StillRefiner(() => {
      attempts++;
      return Promise.reject(new Error('no worker'));
    });
    const a = watch(refiner.request(frame(1)));
    await flush();
    expect(a.value).toBeNull();
    expect(refiner.state).toBe('failed');
    const b = watch(refiner.request(frame(2)));
    await flush();
    expect(b.value).toBeNull();
    expect(attempts).toBe(1);
  });

  it('a failed estimate answers null and the next still is refined', async () => {
    const tracker = new FakeTracker();
    let fail = true;
    const estimate = tracker.estimate.bind(tracker);
    tracker.estimate = (f, out, still) => (fail ? Promise.reject(new Error('worker error')) : estimate(f, out, still));
    const { refiner } = setup(tracker);
    const a = watch(refiner.request(frame(1)));
    await flush();
    expect(a.value).toBeNull();
    expect(refiner.state).toBe('failed');
    fail = false;
    const b = watch(refiner.request(frame(2)));
    await flush();
    await tracker.finish();
    expect(b.value).toBe(2);
  });

  it('dispose closes the refined tracker and answers later requests with null', async () => {
    const { refiner, tracker } = setup();
    const a = watch(refiner.request(frame(1)));
    await flush();
    refiner.dispose();
    await flush();
    expect(tracker.disposed).toBe(true);
    await tracker.finish();
    expect(a.value).toBeNull();
    const b = watch(refiner.request(frame(2)));
    await flush();
    expect(b.value).toBeNull();
  });
});
