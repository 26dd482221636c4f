import type { PixelFrame } from './frame-pixels';
import { MAX_LANDMARKS, type Tracker } from './tracker';

/**
 * Where a still's lips stand, as the debug readout shows it (`data-lip-pass`):
 * `tracker` — the tracker's own points (live frames, a 478-point tracker, or no face);
 * `pending` — drawn with the 468-point lips, the 478-point ones on their way;
 * `refined` — redrawn with the 478-point lips;
 * `failed` — the refined model could not load or found no face: the 468-point lips stay.
 */
export type StillLipPass = 'tracker' | 'pending' | 'refined' | 'failed';

interface Waiting {
  readonly frame: PixelFrame;
  readonly ticket: number;
  readonly resolve: (points: Float32Array | null) => void;
}

/**
 * The 478-point (attention) mesh for stills, as a second pass after the 468-point one (issue 16 §1).
 * On a CPU-only machine the live tracker runs the 468-point mesh; a still is shown with its result at
 * once, then `request` runs the refined model on a copy of the same pixels and the engine redraws
 * with its lips (refined-lips.ts).
 *
 * - The refined tracker is created once, on the first request (lazily: a creator who never opens a
 *   photo never loads it), and kept; if it cannot be created, every request answers null and the
 *   pass reports `failed` (no retry: the 468-point lips are a complete result).
 * - One estimate at a time. A request made while one runs waits; a newer request replaces a waiting
 *   one (which answers null), and the running one's answer is discarded (null): only the newest still
 *   is ever redrawn.
 * - `cancel` (the source changed) discards the running answer and drops the waiting one.
 *
 * The answer is the refiner's own landmark buffer (image pixels, x, y, z), valid until the next request.
 */
export class StillRefiner {
  private tracker: Promise<Tracker | null> | null = null;
  private running = false;
  /** Bumped by every request and by cancel: an answer for an older ticket is discarded. */
  private ticket = 0;
  private waiting: Waiting | null = null;
  private disposed = false;
  private readonly points = new Float32Array(MAX_LANDMARKS * 3);
  private passState: StillLipPass = 'tracker';

  constructor(private readonly create: () => Promise<Tracker>) {}

  get state(): StillLipPass {
    return this.passState;
  }

  /** Whether the refined model is loaded or loading (tests: it loads once, lazily). */
  get started(): boolean {
    return this.tracker !== null;
  }

  /**
   * Asks for the refined landmarks of `frame` (its bytes are copied now: the caller may reuse its
   * buffer). Resolves with them, or null when there is no face, the model is unavailable, or a newer
   * request or a cancel came first.
   */
  request(frame: PixelFrame): Promise<Float32Array | null> {
    if (this.disposed) return Promise.resolve(null);
    const ticket = ++this.ticket;
    this.passState = 'pending';
    const copy: PixelFrame = { data: frame.data.slice(), width: frame.width, height: frame.height };
    this.waiting?.resolve(null);
    return new Promise<Float32Array | null>((resolve) => {
      this.waiting = {
        frame: copy,
        ticket,
        resolve: (points) => {
          if (ticket === this.ticket) this.passState = points ? 'refined' : 'failed';
          resolve(points);
        },
      };
      void this.pump();
    });
  }

  /** The source changed: nothing asked for so far will be answered with landmarks. */
  cancel(): void {
    this.ticket++;
    this.passState = 'tracker';
    this.waiting?.resolve(null);
    this.waiting = null;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
    void this.tracker?.then((tracker) => tracker?.dispose());
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const job = this.waiting;
    if (!job) return;
    this.waiting = null;
    this.running = true;
    let points: Float32Array | null = null;
    try {
      this.tracker ??= this.create().catch(() => null);
      const tracker = await this.tracker;
      if (tracker && !this.disposed) {
        // A fresh face box for each still: the library keeps the last face's box and would prefer it.
        tracker.reset();
        const count = await tracker.estimate(job.frame, this.points, true);
        points = count > 0 ? this.points : null;
      }
    } catch {
      points = null;
    } finally {
      this.running = false;
    }
    // Discarded when a newer request or a cancel came meanwhile (the newer one is waiting, if any).
    job.resolve(job.ticket === this.ticket ? points : null);
    void this.pump();
  }
}
