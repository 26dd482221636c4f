import { describe, expect, it } from 'vitest';
import type { FrameFeed } from './engine-events';
import { FrameSlot } from './frame-slot';

const video = (name: string) => ({ name }) as unknown as HTMLVideoElement;
const canvas = (name: string) => ({ name }) as unknown as HTMLCanvasElement;
const meta = (m: Partial<VideoFrameCallbackMetadata>) => ({ mediaTime: 0, presentedFrames: 0, ...m }) as VideoFrameCallbackMetadata;

describe('FrameSlot', () => {
  it('keeps only the newest frame, with its capture time', () => {
    const slot = new FrameSlot();
    const a = video('a');
    const b = video('b');
    expect(slot.offer(a, meta({ captureTime: 10 }))).toBe(true);
    expect(slot.offer(b, meta({ captureTime: 20 }))).toBe(true);
    expect(slot.take()).toBe(b);
    expect(slot.takenMs).toBe(20);
    expect(slot.hasFrame).toBe(false);
    expect(slot.take()).toBeNull();
  });

  it('drops a repeated frame (same capture or media time) and uses media time in ms for files', () => {
    const slot = new FrameSlot();
    const v = video('file');
    expect(slot.offer(v, meta({ mediaTime: 1.5 }))).toBe(true);
    expect(slot.take()).toBe(v);
    expect(slot.takenMs).toBe(1500);
    expect(slot.offer(v, meta({ mediaTime: 1.5 }))).toBe(false);
    expect(slot.hasFrame).toBe(false);
    expect(slot.offer(v, meta({ mediaTime: 1.54 }))).toBe(true);
  });

  it('asks a feed for the next frame each time one is taken, and tells it what was drawn', () => {
    const frames = [canvas('f0'), canvas('f1')];
    let asked = 0;
    let drawn = 0;
    const feed: FrameFeed = {
      next: () => (asked < frames.length ? { frame: frames[asked]!, timeMs: 100 * asked++ } : null),
      drawn: () => void drawn++,
    };
    const slot = new FrameSlot();
    slot.useFeed(feed);
    expect(asked).toBe(1);
    expect(slot.take()).toBe(frames[0]);
    expect(asked).toBe(2);
    expect(slot.hasFrame).toBe(true);
    slot.drawn();
    expect(slot.take()).toBe(frames[1]);
    expect(slot.takenMs).toBe(100);
    expect(slot.take()).toBeNull();
    expect(drawn).toBe(1);
  });

  it('reset empties the slot, forgets the feed and accepts a repeated key again', () => {
    const slot = new FrameSlot();
    let asked = 0;
    slot.useFeed({ next: () => (asked++, { frame: canvas('x'), timeMs: 0 }), drawn: () => undefined });
    slot.reset();
    expect(slot.hasFrame).toBe(false);
    const v = video('v');
    expect(slot.offer(v, meta({ captureTime: 5 }))).toBe(true);
    slot.reset();
    expect(slot.offer(v, meta({ captureTime: 5 }))).toBe(true);
    slot.take();
    expect(asked).toBe(1);
  });
});
