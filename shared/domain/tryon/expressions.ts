/**
 * Expression triggers (issue 16 §5): hands-free control from the face. Measures come from the
 * 468/478-point mesh, each as a ratio of two distances on the same face so head size and distance
 * to the camera cancel out:
 *
 * - mouth open: the inner lips' gap (13–14) over the mouth's width (61–291);
 * - smile: the mouth's width (61–291) over the face's width (234–454);
 * - brows: the mid-brows' height above the upper lids (105–159, 334–386) over the eye-corner span
 *   (33–263).
 *
 * Each trigger fires once when its measure stays past its "on" level for `holdMs`, and re-arms only
 * after it falls below its "off" level (hysteresis: no double fires). Smile and brows are relative to
 * the person's own neutral face: a slow baseline that learns only while the measure is below "off".
 * Time is a parameter (the frame's own timestamp); nothing here reads a clock.
 */

export type TriggerKind = 'smile' | 'mouth-open' | 'brows-raised';

export interface ExpressionMeasures {
  mouthOpen: number;
  smile: number;
  brows: number;
}

function distance(points: ArrayLike<number>, a: number, b: number): number {
  return Math.hypot(points[a * 3]! - points[b * 3]!, points[a * 3 + 1]! - points[b * 3 + 1]!);
}

/** Fills `out` from landmarks (x, y, z per point, any scale). False when the face is degenerate. */
export function measureExpression(points: ArrayLike<number>, out: ExpressionMeasures): boolean {
  const mouthWidth = distance(points, 61, 291);
  const faceWidth = distance(points, 234, 454);
  const eyeSpan = distance(points, 33, 263);
  if (!(mouthWidth > 0) || !(faceWidth > 0) || !(eyeSpan > 0)) return false;
  out.mouthOpen = distance(points, 13, 14) / mouthWidth;
  out.smile = mouthWidth / faceWidth;
  out.brows = (distance(points, 105, 159) + distance(points, 334, 386)) / 2 / eyeSpan;
  return true;
}

export interface TriggerOptions {
  /** Fires when the measure (or its ratio to the baseline when `relative`) reaches `on`… */
  readonly on: number;
  /** …and re-arms once it falls below `off` (< on). */
  readonly off: number;
  /** How long the measure must stay past `on` (ms). */
  readonly holdMs: number;
  /** Compare with the person's neutral baseline (ratio) instead of the raw measure. */
  readonly relative: boolean;
  /** The baseline's time constant (ms) while neutral. */
  readonly baselineMs?: number;
}

/** Defaults: ~0.5 s holds; a smile widens the mouth by ≥ 12 %, raised brows lift by ≥ 18 %. */
export const TRIGGERS: Readonly<Record<TriggerKind, TriggerOptions>> = {
  smile: { on: 1.12, off: 1.06, holdMs: 500, relative: true, baselineMs: 3000 },
  'mouth-open': { on: 0.35, off: 0.2, holdMs: 500, relative: false },
  'brows-raised': { on: 1.18, off: 1.08, holdMs: 400, relative: true, baselineMs: 3000 },
};

/** One trigger's state machine: armed → holding → fired → (below off) armed. */
export class TriggerDetector {
  private state: 'armed' | 'holding' | 'fired' = 'armed';
  private since = 0;
  private baseline = NaN;
  private lastTime = NaN;

  constructor(private readonly options: TriggerOptions) {
    if (!(options.off < options.on)) throw new Error('a trigger needs off < on');
  }

  /** The measure as compared with `on`/`off` (ratio to the baseline when relative). */
  level(value: number): number {
    if (!this.options.relative) return value;
    return Number.isFinite(this.baseline) && this.baseline > 0 ? value / this.baseline : 1;
  }

  /** Feeds one frame's measure at `timeMs`; true exactly on the frame the trigger fires. */
  update(value: number, timeMs: number): boolean {
    if (!Number.isFinite(value)) return false;
    const level = this.level(value);
    this.learn(value, level, timeMs);
    switch (this.state) {
      case 'armed':
        if (level >= this.options.on) {
          this.state = 'holding';
          this.since = timeMs;
        }
        return this.holdDone(timeMs);
      case 'holding':
        // Let go before the hold is done: no trigger, start over.
        if (level < this.options.on) {
          this.state = 'armed';
          return false;
        }
        return this.holdDone(timeMs);
      case 'fired':
        if (level < this.options.off) this.state = 'armed';
        return false;
      default: {
        const never: never = this.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
  }

  /** Forgets the face (lost, or another person): baseline and state start again. */
  reset(): void {
    this.state = 'armed';
    this.baseline = NaN;
    this.lastTime = NaN;
  }

  private holdDone(timeMs: number): boolean {
    if (this.state === 'holding' && timeMs - this.since >= this.options.holdMs) {
      this.state = 'fired';
      return true;
    }
    return false;
  }

  private learn(value: number, level: number, timeMs: number): void {
    if (!this.options.relative) return;
    const dt = Number.isFinite(this.lastTime) ? Math.max(0, timeMs - this.lastTime) : 0;
    this.lastTime = timeMs;
    if (!Number.isFinite(this.baseline)) {
      this.baseline = value;
      return;
    }
    // Only a neutral face teaches the baseline; an expression must not become the new neutral.
    if (this.state !== 'armed' || level >= this.options.off) return;
    const k = 1 - Math.exp(-dt / (this.options.baselineMs ?? 3000));
    this.baseline += (value - this.baseline) * k;
  }
}

/** The three triggers together, each on/off (Settings), fed once per tracked frame. */
export class ExpressionTriggers {
  private readonly detectors: Record<TriggerKind, TriggerDetector> = {
    smile: new TriggerDetector(TRIGGERS.smile),
    'mouth-open': new TriggerDetector(TRIGGERS['mouth-open']),
    'brows-raised': new TriggerDetector(TRIGGERS['brows-raised']),
  };
  private readonly enabled: Record<TriggerKind, boolean> = { smile: true, 'mouth-open': true, 'brows-raised': true };
  private readonly measures: ExpressionMeasures = { mouthOpen: 0, smile: 0, brows: 0 };

  setEnabled(kind: TriggerKind, on: boolean): void {
    this.enabled[kind] = on;
    if (!on) this.detectors[kind].reset();
  }

  isEnabled(kind: TriggerKind): boolean {
    return this.enabled[kind];
  }

  /**
   * One tracked frame: landmarks and the frame's time. Returns the trigger that fired on this frame, or
   * null (at most one a frame: an open mouth also widens it, so mouth-open wins over smile).
   */
  update(points: ArrayLike<number>, timeMs: number): TriggerKind | null {
    if (!measureExpression(points, this.measures)) return null;
    const open = this.enabled['mouth-open'] && this.detectors['mouth-open'].update(this.measures.mouthOpen, timeMs);
    // A wide-open mouth is not a smile: the smile detector does not see those frames.
    const smile = this.enabled.smile && this.measures.mouthOpen < TRIGGERS['mouth-open'].off && this.detectors.smile.update(this.measures.smile, timeMs);
    const brows = this.enabled['brows-raised'] && this.detectors['brows-raised'].update(this.measures.brows, timeMs);
    return open ? 'mouth-open' : smile ? 'smile' : brows ? 'brows-raised' : null;
  }

  /** The face was lost: every trigger starts again. */
  reset(): void {
    for (const detector of Object.values(this.detectors)) detector.reset();
  }
}
