import type { Texture } from 'three';
import type { Compositor } from './compositor';
import { emptyPixelFrame, readFrame, type PixelFrame } from './frame-pixels';
import type { FrameSlot, SlotFrame } from './frame-slot';
import type { FrameTimings } from './frame-timings';
import type { Tracker } from './tracker';

/** A live frame launched into a pixel buffer: its tracking (settles once its landmarks are in). */
interface LaunchedFrame {
  tracking: Promise<void>;
}

/** Hands a frame's bytes to the tracker; settles once its landmarks are in the face state. */
export type TrackFrame = (frame: PixelFrame, timeMs: number, generation: number) => Promise<void>;

/**
 * The engine's frames on their way from a source to the tracker: two RGBA buffers, reused (a live
 * frame keeps its bytes for its lip refinement and its drawing while the next one is lent to a worker
 * tracker), the live frame launched into each, and whether a frame is in flight (being read, or with
 * the tracker: one at a time). Each frame is read once, for the tracker and the texture alike.
 */
export class FrameReader {
  private readonly buffers: readonly [PixelFrame, PixelFrame] = [emptyPixelFrame(), emptyPixelFrame()];
  private current = 0;
  private readonly launched: readonly [LaunchedFrame, LaunchedFrame] = [{ tracking: Promise.resolve() }, { tracking: Promise.resolve() }];
  /** A frame is being read or tracked: the next one waits. */
  inFlight = false;
  /** How long the last estimate took, ms (the tracker's round trip). */
  estimateMs = 0;

  constructor(
    private readonly compositor: Compositor,
    private readonly timings: FrameTimings | null,
    /** The engine's source generation now: a frame read for an older one is dropped. */
    private readonly generation: () => number,
    /** The newest live frame not yet taken (frame-slot.ts). */
    private readonly slot: FrameSlot,
    private readonly track: TrackFrame,
  ) {}

  /** The newest taken frame's bytes (a still's, until another frame is read). */
  get pixels(): PixelFrame {
    return this.buffers[this.current]!;
  }

  buffer(slot: number): PixelFrame {
    return this.buffers[slot]!;
  }

  /**
   * The live frame in buffer `slot` as the texture to draw it from, or null when its bytes did not come
   * back from the tracker. Uploaded without a copy: called right before the frame is drawn, which is
   * the last use of its bytes (the next frame read into this buffer comes after), and a live frame is
   * drawn once.
   */
  texture(slot: number): Texture | null {
    const frame = this.buffers[slot]!;
    if (frame.data.length !== frame.width * frame.height * 4 || frame.width === 0) return null;
    const uploadStart = this.timings ? performance.now() : 0;
    const texture = this.compositor.upload(frame, true);
    this.timings?.add('upload', performance.now() - uploadStart);
    return texture;
  }

  /** Settles once the live frame launched into buffer `slot` has its landmarks in. */
  tracking(slot: number): Promise<void> {
    return this.launched[slot]!.tracking;
  }

  /**
   * Takes the waiting live frame into the other buffer (the current one keeps its frame for its
   * drawing) and hands it to the tracker; it is uploaded when it is drawn (`texture`). Resolves with
   * its buffer, or −1 when no frame waits, the element has none, or the source changed.
   */
  async launch(generation: number): Promise<number> {
    const element = this.slot.take();
    if (!element) return -1;
    const timeMs = this.slot.takenMs;
    this.current = 1 - this.current;
    const slot = this.current;
    // A released or not yet playing video has no frame: nothing to draw.
    if (!(await this.read(element, generation).catch(() => false))) return -1;
    // Posts the frame to the tracker now (the call runs synchronously up to its first await).
    this.launched[slot]!.tracking = this.track(this.pixels, timeMs, generation);
    return slot;
  }

  /**
   * Puts a still in flight: reads it into the current buffer and uploads a copy (its bytes are lent
   * to the tracker next, and a still is redrawn while they are away). Null when the source changed
   * meanwhile; throws when the element has no frame (in both cases nothing is left in flight).
   */
  async take(element: SlotFrame, generation: number): Promise<Texture | null> {
    if (!(await this.read(element, generation))) return null;
    const uploadStart = this.timings ? performance.now() : 0;
    const texture = this.compositor.upload(this.pixels, false);
    this.timings?.add('upload', performance.now() - uploadStart);
    return texture;
  }

  /**
   * Puts a frame in flight: reads the element's current frame into the current buffer. False when the
   * source changed meanwhile; throws when the element has no frame (in both cases nothing is left in
   * flight).
   */
  private async read(element: SlotFrame, generation: number): Promise<boolean> {
    this.inFlight = true;
    let current = false;
    try {
      const readStart = this.timings ? performance.now() : 0;
      await readFrame(element, this.pixels);
      this.timings?.add('read', performance.now() - readStart);
      current = generation === this.generation();
      return current;
    } finally {
      // Left in flight only for a current frame, which goes on to the tracker.
      if (!current) this.inFlight = false;
    }
  }

  /** The tracker's landmarks for `frame` into `out` (their count); the frame is out of flight afterwards, whatever happened. */
  async estimate(tracker: Tracker, frame: PixelFrame, out: Float32Array, still: boolean): Promise<number> {
    const started = performance.now();
    try {
      return await tracker.estimate(frame, out, still);
    } finally {
      this.inFlight = false;
      this.estimateMs = performance.now() - started;
    }
  }
}
