import type { TriggerKind } from '@shared/domain/tryon/expressions';
import { EXPRESSION_TRIGGERS_OFF, type ExpressionTriggerSettings } from '@shared/ipc/nouns/settings';

/** What the controller needs from the engine (TryOnEngine has both). */
export interface TriggerSource {
  onTrigger(listener: (kind: TriggerKind) => void): () => void;
  setTriggerEnabled(kind: TriggerKind, on: boolean): void;
}

/** What a page does for a trigger. The steppers answer false when there is nothing to step. */
export interface ExpressionActions {
  /** Whether a smile may take a photo now (no source yet, or a take running in Shoot: no). */
  canPhoto(): boolean;
  photo(): void;
  nextShade(): boolean;
  nextItem(): boolean;
}

/** What a fired trigger did, named by the stage's indicator. */
export type ExpressionOutcome = 'photo' | 'shade' | 'item' | 'cancelled' | 'unavailable';

export interface ExpressionView {
  /** A smile's photo is counting down (COUNTDOWN_MS). */
  readonly countdown: boolean;
  /** The last trigger and what it did, shown for INDICATOR_MS; `seq` tells two equal ones apart. */
  readonly fired: Readonly<{ kind: TriggerKind; outcome: ExpressionOutcome; seq: number }> | null;
}

export type ExpressionCue = 'countdown' | 'shutter';

export interface ExpressionControlsDeps {
  readonly setTimer: (run: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly sound: (cue: ExpressionCue) => void;
}

export const COUNTDOWN_MS = 1000;
export const INDICATOR_MS = 1500;

/** The setting that switches each trigger. */
export const SETTING_OF: Readonly<Record<TriggerKind, keyof ExpressionTriggerSettings>> = { smile: 'smile', 'mouth-open': 'mouthOpen', 'brows-raised': 'browsRaised' };
const KINDS = Object.keys(SETTING_OF) as TriggerKind[];

const IDLE: ExpressionView = { countdown: false, fired: null };

/**
 * Hands-free control (issue 16 §5), outside React like the engine: turns the engine's triggers on and
 * off from Settings and runs a page's action for each. A smile takes a photo after a 1 s countdown
 * with a sound; any trigger during the countdown cancels it (the creator moved: not the pose they
 * smiled for) and does nothing else. Pages read a low-rate view (countdown on/off, the last trigger).
 */
export class ExpressionControls {
  private view: ExpressionView = IDLE;
  private enabled: ExpressionTriggerSettings = EXPRESSION_TRIGGERS_OFF;
  private countdownTimer: unknown = null;
  private indicatorTimer: unknown = null;
  private seq = 0;
  private readonly listeners = new Set<(view: ExpressionView) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: TriggerSource,
    private readonly actions: ExpressionActions,
    private readonly deps: ExpressionControlsDeps,
  ) {
    // The detectors start enabled: off until the settings say otherwise.
    this.setSettings(undefined);
    this.unsubscribe = source.onTrigger((kind) => this.fire(kind));
  }

  /** Applies Settings → Hands-free; missing = all off. Turning the smile off cancels its countdown. */
  setSettings(settings: ExpressionTriggerSettings | undefined): void {
    this.enabled = settings ?? EXPRESSION_TRIGGERS_OFF;
    for (const kind of KINDS) this.source.setTriggerEnabled(kind, this.enabled[SETTING_OF[kind]]);
    if (!this.enabled.smile && this.countdownTimer !== null) {
      this.stopCountdown();
      this.publish({ ...this.view, countdown: false });
    }
  }

  get(): ExpressionView {
    return this.view;
  }

  subscribe(listener: (view: ExpressionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.stopCountdown();
    if (this.indicatorTimer !== null) this.deps.clearTimer(this.indicatorTimer);
    this.indicatorTimer = null;
    this.listeners.clear();
  }

  private fire(kind: TriggerKind): void {
    // The engine already skips disabled detectors; a trigger queued before a switch-off is dropped too.
    if (!this.enabled[SETTING_OF[kind]]) return;
    if (this.countdownTimer !== null) {
      this.stopCountdown();
      return this.show(kind, 'cancelled', false);
    }
    switch (kind) {
      case 'smile':
        if (!this.actions.canPhoto()) return this.show(kind, 'unavailable', false);
        this.deps.sound('countdown');
        this.countdownTimer = this.deps.setTimer(() => this.shoot(), COUNTDOWN_MS);
        return this.show(kind, 'photo', true);
      case 'mouth-open':
        return this.show(kind, this.actions.nextShade() ? 'shade' : 'unavailable', false);
      case 'brows-raised':
        return this.show(kind, this.actions.nextItem() ? 'item' : 'unavailable', false);
      default: {
        const never: never = kind;
        throw new Error(`unknown trigger ${String(never)}`);
      }
    }
  }

  private shoot(): void {
    this.countdownTimer = null;
    this.publish({ ...this.view, countdown: false });
    // The source may have gone (or a take started) during the countdown.
    if (!this.actions.canPhoto()) return;
    this.deps.sound('shutter');
    this.actions.photo();
  }

  private stopCountdown(): void {
    if (this.countdownTimer !== null) this.deps.clearTimer(this.countdownTimer);
    this.countdownTimer = null;
  }

  private show(kind: TriggerKind, outcome: ExpressionOutcome, countdown: boolean): void {
    if (this.indicatorTimer !== null) this.deps.clearTimer(this.indicatorTimer);
    // The indicator stays at least through the countdown.
    this.indicatorTimer = this.deps.setTimer(
      () => {
        this.indicatorTimer = null;
        this.publish({ ...this.view, fired: null });
      },
      countdown ? COUNTDOWN_MS + INDICATOR_MS : INDICATOR_MS,
    );
    this.publish({ countdown, fired: { kind, outcome, seq: ++this.seq } });
  }

  private publish(view: ExpressionView): void {
    this.view = view;
    for (const listener of this.listeners) listener(view);
  }
}

let audio: AudioContext | null = null;

/**
 * A synthesized cue (Web Audio, no file): a short 880 Hz beep when the countdown starts, a click
 * (a burst of decaying noise) for the shutter. Silent where audio is unavailable.
 */
export function playCue(cue: ExpressionCue): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const now = audio.currentTime;
    const gain = audio.createGain();
    gain.connect(audio.destination);
    if (cue === 'countdown') {
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, now);
      gain.gain.exponentialRampToValueAtTime(0.001, now + 0.15);
      tone.connect(gain);
      tone.start(now);
      tone.stop(now + 0.15);
      return;
    }
    const length = Math.round(audio.sampleRate * 0.05);
    const buffer = audio.createBuffer(1, length, audio.sampleRate);
    const samples = buffer.getChannelData(0);
    for (let i = 0; i < length; i++) samples[i] = (Math.random() * 2 - 1) * (1 - i / length) ** 3;
    const click = audio.createBufferSource();
    click.buffer = buffer;
    gain.gain.value = 0.5;
    click.connect(gain);
    click.start(now);
  } catch {
    // No audio device or a refused context: the countdown on the stage still shows.
  }
}
