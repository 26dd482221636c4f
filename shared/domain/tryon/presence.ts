export interface PresenceOptions {
  /** Consecutive frames with a face before we say "found" (1 for a still photo). */
  readonly foundAfterFrames: number;
  /** How long without a face before we say "lost": a single missed frame must not blink the overlay. */
  readonly lostAfterMs: number;
}

export const LIVE_PRESENCE: PresenceOptions = { foundAfterFrames: 2, lostAfterMs: 300 };
export const STILL_PRESENCE: PresenceOptions = { foundAfterFrames: 1, lostAfterMs: 0 };

export type PresenceChange = 'found' | 'lost' | null;

/**
 * Found/lost with a dead band (hysteresis), so overlays do not flicker when the tracker misses a
 * frame or catches a false one. Time is a parameter.
 */
export class FacePresence {
  private streak = 0;
  private lastSeenMs = Number.NEGATIVE_INFINITY;
  private isPresent = false;

  constructor(private readonly options: PresenceOptions = LIVE_PRESENCE) {}

  get present(): boolean {
    return this.isPresent;
  }

  reset(): void {
    this.streak = 0;
    this.lastSeenMs = Number.NEGATIVE_INFINITY;
    this.isPresent = false;
  }

  /** Feeds one tracker result; returns the transition it caused, if any. */
  update(faceDetected: boolean, timeMs: number): PresenceChange {
    if (faceDetected) {
      this.streak++;
      this.lastSeenMs = timeMs;
      if (!this.isPresent && this.streak >= this.options.foundAfterFrames) {
        this.isPresent = true;
        return 'found';
      }
      return null;
    }
    this.streak = 0;
    if (this.isPresent && timeMs - this.lastSeenMs >= this.options.lostAfterMs) {
      this.isPresent = false;
      return 'lost';
    }
    return null;
  }
}
