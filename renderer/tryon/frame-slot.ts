import type { FrameFeed } from './engine-events';

/** A frame the engine can read: a playing video (camera or file) or a canvas (a feed's frame). */
export type SlotFrame = HTMLVideoElement | HTMLCanvasElement;

/**
 * The engine's one-frame slot: the newest live frame not yet taken for tracking, and its time. A
 * newer frame replaces a waiting one (the engine never queues behind the camera); a video frame
 * with the same capture or media time as the last one is a repeat and is not offered. A
 * caller-driven feed (the benchmark) is asked for its next frame each time one is taken. The
 * per-frame path allocates nothing: the taken frame's time is left in `takenMs`.
 */
export class FrameSlot {
  private waiting: SlotFrame | null = null;
  private waitingMs = 0;
  private lastKey = -1;
  private feed: FrameFeed | null = null;
  /** The time (ms) of the frame the last `take()` returned. */
  takenMs = 0;

  /** Empties the slot and forgets the feed (a new source). */
  reset(): void {
    this.feed = null;
    this.waiting = null;
    this.lastKey = -1;
  }

  /** A caller-driven source: its first frame waits at once. */
  useFeed(feed: FrameFeed): void {
    this.feed = feed;
    this.pull();
  }

  /** A new video frame; false when it repeats the last one. Camera frames carry a capture time, file frames a media time. */
  offer(video: HTMLVideoElement, meta: VideoFrameCallbackMetadata): boolean {
    const key = meta.captureTime ?? meta.mediaTime * 1000;
    if (key === this.lastKey) return false;
    this.lastKey = key;
    this.waiting = video;
    this.waitingMs = key;
    return true;
  }

  get hasFrame(): boolean {
    return this.waiting !== null;
  }

  /** Takes the waiting frame (its time in `takenMs`), or null when none waits. */
  take(): SlotFrame | null {
    const frame = this.waiting;
    if (!frame) return null;
    this.waiting = null;
    this.takenMs = this.waitingMs;
    this.pull();
    return frame;
  }

  /** Tells the feed, if any, that a frame was drawn. */
  drawn(): void {
    this.feed?.drawn();
  }

  private pull(): void {
    const next = this.feed?.next();
    if (!next) return;
    this.waiting = next.frame;
    this.waitingMs = next.timeMs;
  }
}
