/** Tuning for a One Euro filter (Casiez et al. 2012): low jitter at rest, low lag in motion. */
export interface OneEuroOptions {
  /** Hz: the cutoff at rest; lower means steadier but laggier. */
  readonly minCutoff: number;
  /** How fast the cutoff rises with speed (per unit of the signal per second). */
  readonly beta: number;
  /** Hz: the cutoff used to smooth the speed itself. */
  readonly derivativeCutoff: number;
}

export const LANDMARK_SMOOTHING: OneEuroOptions = { minCutoff: 1.5, beta: 0.02, derivativeCutoff: 1 };

function alpha(cutoffHz: number, dtSeconds: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtSeconds);
}

/**
 * A bank of One Euro filters over a fixed number of channels (e.g. 478 landmarks × 3), filtering a
 * Float32Array in place. State is preallocated: the per-frame call allocates nothing.
 */
export class OneEuroFilterBank {
  private readonly previous: Float32Array;
  private readonly previousSpeed: Float32Array;
  private lastTimeMs = Number.NaN;

  constructor(
    readonly size: number,
    private readonly options: OneEuroOptions = LANDMARK_SMOOTHING,
  ) {
    this.previous = new Float32Array(size);
    this.previousSpeed = new Float32Array(size);
  }

  /** Forget the history (face lost, new source): the next sample passes through unchanged. */
  reset(): void {
    this.lastTimeMs = Number.NaN;
  }

  /**
   * Smooths `values[0..size)` in place. `timeMs` is the frame's own timestamp (media time), not the
   * wall clock, so a slow inference does not read as fast motion. A repeated or older timestamp
   * leaves the previous output in place.
   */
  filter(values: Float32Array, timeMs: number): void {
    const n = this.size;
    if (values.length < n) throw new RangeError(`expected at least ${n} values, got ${values.length}`);
    const previous = this.previous;
    const speed = this.previousSpeed;
    if (Number.isNaN(this.lastTimeMs)) {
      for (let i = 0; i < n; i++) {
        previous[i] = values[i]!;
        speed[i] = 0;
      }
      this.lastTimeMs = timeMs;
      return;
    }
    const dt = (timeMs - this.lastTimeMs) / 1000;
    if (!(dt > 0)) {
      for (let i = 0; i < n; i++) values[i] = previous[i]!;
      return;
    }
    this.lastTimeMs = timeMs;
    const { minCutoff, beta, derivativeCutoff } = this.options;
    const speedAlpha = alpha(derivativeCutoff, dt);
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      const rawSpeed = (x - previous[i]!) / dt;
      const smoothSpeed = speed[i]! + speedAlpha * (rawSpeed - speed[i]!);
      const a = alpha(minCutoff + beta * Math.abs(smoothSpeed), dt);
      const y = previous[i]! + a * (x - previous[i]!);
      speed[i] = smoothSpeed;
      previous[i] = y;
      values[i] = y;
    }
  }
}
