import type { Draft } from '@shared/domain/drafts';
import { IDLE, applyTake, countdownShown, elapsedMs, type TakeAction, type TakeState } from '@shared/domain/recording/take';
import { LookJournal, type WornLook } from '@shared/domain/recording/look-journal';
import type { RecordingEvent } from '@shared/ipc/media-schemas';
import type { StudioClient } from '../client/studio-client-type';
import { t } from '../i18n/i18n';
import { TakeRecorder, type TakeRecorderOptions } from './take-recorder';

/** What a take records and reports to; read afresh at each use, so the page can change it between takes. */
export type TakeInputs = Readonly<{
  canvas: () => HTMLCanvasElement | null;
  audio: () => MediaStreamTrack | null;
  /**
   * What is worn: the current layer (the post's target) and, where the page wears a whole look, the
   * look. With a look the take journals it from the start and follows its changes by itself.
   */
  look: () => TakeLook;
  maxLengthS: number;
  /** The engine's face box (normalised), sampled into the journal for placing anchors later. */
  face: () => Readonly<{ x: number; y: number; w: number; h: number }> | null;
  onFinished: (draft: Draft) => void;
}>;

/** The current layer and, optionally, the whole look (a page without layers leaves it out). */
export type TakeLook = Readonly<{ itemId: string | null; attributeId: string | null; look?: WornLook['look'] | undefined }>;

export interface TakeView {
  readonly phase: TakeState['phase'];
  /** 3, 2, 1 during the countdown, else 0. */
  readonly countdown: number;
  /** Whole seconds recorded, pauses excluded (changes once a second: no per-frame state). */
  readonly seconds: number;
  readonly busy: boolean;
  readonly message: string | null;
}

/** What the controller needs of a recorder (TakeRecorder; a stand-in in tests). */
export type TakeRecording = Pick<TakeRecorder, 'prepare' | 'begin' | 'pause' | 'resume' | 'stop' | 'abort' | 'event'>;

export type TakeControllerOptions = Readonly<{
  client: () => StudioClient;
  inputs: () => TakeInputs;
  now?: () => number;
  recorder?: (options: TakeRecorderOptions) => TakeRecording;
}>;

/** Face samples per second in the journal: enough to place an anchor, few enough to stay small. */
const FACE_SAMPLE_MS = 250;
const TICK_MS = 100;

/**
 * One shooting session's takes, outside React (as the try-on engine is): the pure state machine
 * (shared/domain/recording/take) driven by commands and a 100 ms tick, and the recorder started and
 * stopped on its transitions. Whatever shows it (the shooting page today, a live panel later)
 * subscribes to `view`, which changes only when something shown changes: the phase, the countdown
 * digit, the elapsed second, busy, the message.
 */
export class TakeController {
  private state: TakeState = IDLE;
  private recorder: TakeRecording | null = null;
  private prepared: Promise<TakeRecording | null> | null = null;
  private viewValue: TakeView = { phase: 'idle', countdown: 0, seconds: 0, busy: false, message: null };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastFace = { at: -Infinity, present: false };
  /** The look as the take's journal has it, from the look sent at its start; null without one. */
  private lookJournal: LookJournal | null = null;
  private startLook: WornLook | null = null;
  private readonly now: () => number;

  constructor(private readonly options: TakeControllerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  readonly view = (): TakeView => this.viewValue;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the tick (again, after `dispose`). */
  start(): void {
    this.timer ??= setInterval(this.tick, TICK_MS);
  }

  /** Stops the tick; a take still running is finished, keeping what was recorded, not dropped. */
  dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const s = this.state;
    if (this.recorder && (s.phase === 'recording' || s.phase === 'paused')) {
      this.endLook();
      void this.recorder.stop(elapsedMs(s, this.now()));
    }
  }

  readonly act = (action: TakeAction): void => {
    const before = this.state;
    const result = applyTake(before, action, this.now(), this.options.inputs().maxLengthS);
    if (!result.ok) return this.show({ message: result.reason });
    const after = result.state;
    this.state = after;
    // Once, on entering the countdown (ticks keep it in the countdown phase).
    if (before.phase !== 'countdown' && after.phase === 'countdown') this.prepared = this.prepare();
    if (before.phase === 'countdown' && after.phase === 'idle') void this.prepared?.then((take) => take?.abort());
    if (before.phase === 'countdown' && after.phase === 'recording') void this.begin();
    if (before.phase === 'recording' && after.phase === 'paused') this.recorder?.pause(after.recordedMs);
    if (before.phase === 'paused' && after.phase === 'recording') this.recorder?.resume(after.recordedMs);
    if ((before.phase === 'recording' || before.phase === 'paused') && after.phase === 'stopped') {
      if (after.reason === 'failed') this.show({ message: after.message });
      this.endLook();
      void this.finish(after.recordedMs);
    }
    this.show(action.type === 'shoot' ? { message: null } : {});
  };

  /** A journal event (shade, filter …) for the take being recorded; dropped when none is. */
  readonly event = (e: RecordingEvent): void => this.recorder?.event(e);

  /** Milliseconds recorded so far, pauses excluded: the journal's clock. */
  readonly mediaTime = (): number => Math.round(elapsedMs(this.state, this.now()));

  private show(patch: Partial<TakeView> = {}): void {
    const s = this.state;
    const at = this.now();
    const v = this.viewValue;
    const next = { ...v, phase: s.phase, countdown: countdownShown(s, at), seconds: Math.floor(elapsedMs(s, at) / 1000), ...patch };
    if (next.phase === v.phase && next.countdown === v.countdown && next.seconds === v.seconds && next.busy === v.busy && next.message === v.message) return;
    this.viewValue = next;
    for (const listener of this.listeners) listener();
  }

  private readonly tick = (): void => {
    const phase = this.state.phase;
    if (phase === 'countdown' || phase === 'recording') this.act({ type: 'tick' });
    if (this.state.phase === 'recording') {
      this.sampleFace();
      this.followLook();
    }
  };

  private async prepare(): Promise<TakeRecording | null> {
    const { audio, look, canvas } = this.options.inputs();
    const element = canvas();
    if (!element) return null;
    const make = this.options.recorder ?? ((o: TakeRecorderOptions) => new TakeRecorder(o));
    const worn = look();
    this.startLook = worn.look ? { itemId: worn.itemId, attributeId: worn.attributeId, look: worn.look } : null;
    const take = make({ client: this.options.client(), canvas: element, audio: audio(), ...worn, onFailed: (message) => this.act({ type: 'fail', message }) });
    try {
      await take.prepare();
      return take;
    } catch (error) {
      this.show({ message: t('shoot.cannotStart', { message: error instanceof Error ? error.message : String(error) }) });
      return null;
    }
  }

  private async begin(): Promise<void> {
    const take = await this.prepared;
    this.prepared = null;
    const s = this.state;
    if (!take || s.phase !== 'recording') {
      if (take) void take.abort();
      if (!take) this.state = { phase: 'stopped', recordedMs: 0, reason: 'failed', message: null };
      return this.show();
    }
    take.begin();
    this.recorder = take;
    this.lookJournal = this.startLook ? new LookJournal(this.startLook) : null;
    // Media time counts from the recorder's first frame, so journal times match the video's own.
    if (s.recordedMs === 0) this.state = { ...s, since: this.now() };
  }

  private async finish(recordedMs: number): Promise<void> {
    const current = this.recorder;
    this.recorder = null;
    if (!current) return;
    this.show({ busy: true });
    try {
      const draft = await current.stop(recordedMs);
      this.options.inputs().onFinished(draft);
      this.show({ busy: false });
    } catch (error) {
      this.show({ busy: false, message: t('shoot.takeNotSaved', { message: error instanceof Error ? error.message : String(error) }) });
    }
  }

  /** Journals what changed in the look since the last tick (shades at once, an intensity once it settles). */
  private followLook(): void {
    const take = this.recorder;
    const worn = this.options.inputs().look();
    if (!take || !this.lookJournal || !worn.look) return;
    const events = this.lookJournal.observe({ itemId: worn.itemId, attributeId: worn.attributeId, look: worn.look }, Math.round(elapsedMs(this.state, this.now())));
    for (const e of events) take.event(e);
  }

  /** The take is ending: the last change (a drag just let go) is journalled before the stop line. */
  private endLook(): void {
    const take = this.recorder;
    if (take && this.lookJournal) {
      this.followLook();
      for (const e of this.lookJournal.flush()) take.event(e);
    }
    this.lookJournal = null;
  }

  private sampleFace(): void {
    const take = this.recorder;
    const at = this.now();
    if (!take || at - this.lastFace.at < FACE_SAMPLE_MS) return;
    const box = this.options.inputs().face();
    const mediaMs = Math.round(elapsedMs(this.state, at));
    if (box) take.event({ type: 'face', t: mediaMs, x: box.x, y: box.y, w: box.w, h: box.h });
    else if (this.lastFace.present) take.event({ type: 'face-lost', t: mediaMs });
    this.lastFace = { at, present: box !== null };
  }
}
