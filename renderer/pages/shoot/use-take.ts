import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft } from '../../../shared/domain/drafts';
import { IDLE, applyTake, countdownShown, elapsedMs, type TakeAction, type TakeState } from '../../../shared/domain/recording/take';
import type { RecordingEvent } from '../../../shared/ipc/media-schemas';
import { studioClient } from '../../client/studio-client';
import { t } from '../../i18n/i18n';
import { TakeRecorder } from '../../recording/take-recorder';

export type TakeInputs = Readonly<{
  canvas: () => HTMLCanvasElement | null;
  audio: () => MediaStreamTrack | null;
  look: () => Readonly<{ itemId: string | null; attributeId: string | null }>;
  maxLengthS: number;
  /** The engine's face box (normalised), sampled into the journal for placing anchors later. */
  face: () => Readonly<{ x: number; y: number; w: number; h: number }> | null;
  onFinished: (draft: Draft) => void;
}>;

export interface TakeView {
  readonly phase: TakeState['phase'];
  /** 3, 2, 1 during the countdown, else 0. */
  readonly countdown: number;
  /** Whole seconds recorded, pauses excluded (changes once a second: no per-frame state). */
  readonly seconds: number;
  readonly busy: boolean;
  readonly message: string | null;
}

const now = (): number => performance.now();
/** Face samples per second in the journal: enough to place an anchor, few enough to stay small. */
const FACE_SAMPLE_MS = 250;

/**
 * The take of the shooting page: the pure state machine (shared/domain/recording/take) driven by
 * the buttons and a 100 ms tick, and the recorder started and stopped on its transitions. React
 * sees only what is shown: the phase, the countdown digit and the elapsed second.
 */
export function useTake(inputs: TakeInputs): { view: TakeView; act: (action: TakeAction) => void; event: (event: RecordingEvent) => void; mediaTime: () => number } {
  const state = useRef<TakeState>(IDLE);
  const recorder = useRef<TakeRecorder | null>(null);
  const prepared = useRef<Promise<TakeRecorder | null> | null>(null);
  const latest = useRef(inputs);
  latest.current = inputs;
  const [view, setView] = useState<TakeView>({ phase: 'idle', countdown: 0, seconds: 0, busy: false, message: null });

  const show = useCallback((patch: Partial<TakeView> = {}): void => {
    const s = state.current;
    const t = now();
    setView((v) => {
      const next = { ...v, phase: s.phase, countdown: countdownShown(s, t), seconds: Math.floor(elapsedMs(s, t) / 1000), ...patch };
      return next.phase === v.phase && next.countdown === v.countdown && next.seconds === v.seconds && next.busy === v.busy && next.message === v.message ? v : next;
    });
  }, []);

  const finish = useCallback(
    async (recordedMs: number): Promise<void> => {
      const current = recorder.current;
      recorder.current = null;
      if (!current) return;
      show({ busy: true });
      try {
        const draft = await current.stop(recordedMs);
        latest.current.onFinished(draft);
        show({ busy: false });
      } catch (error) {
        show({ busy: false, message: t('shoot.takeNotSaved', { message: error instanceof Error ? error.message : String(error) }) });
      }
    },
    [show],
  );

  const act = useCallback(
    (action: TakeAction): void => {
      const before = state.current;
      const result = applyTake(before, action, now(), latest.current.maxLengthS);
      if (!result.ok) return show({ message: result.reason });
      const after = result.state;
      state.current = after;
      // Once, on entering the countdown (ticks keep it in the countdown phase).
      if (before.phase !== 'countdown' && after.phase === 'countdown') prepared.current = prepare();
      if (before.phase === 'countdown' && after.phase === 'idle') void prepared.current?.then((take) => take?.abort());
      if (before.phase === 'countdown' && after.phase === 'recording') void begin();
      if (before.phase === 'recording' && after.phase === 'paused') recorder.current?.pause(after.recordedMs);
      if (before.phase === 'paused' && after.phase === 'recording') recorder.current?.resume(after.recordedMs);
      if ((before.phase === 'recording' || before.phase === 'paused') && after.phase === 'stopped') {
        if (after.reason === 'failed') show({ message: after.message });
        void finish(after.recordedMs);
      }
      show(action.type === 'shoot' ? { message: null } : {});
    },
    // begin only reads refs, so it need not be a dependency.
    [finish, show],
  );

  const prepare = async (): Promise<TakeRecorder | null> => {
    const { audio, look } = latest.current;
    const canvas = latest.current.canvas();
    if (!canvas) return null;
    const take = new TakeRecorder({ client: studioClient(), canvas, audio: audio(), ...look(), onFailed: (message) => act({ type: 'fail', message }) });
    try {
      await take.prepare();
      return take;
    } catch (error) {
      show({ message: t('shoot.cannotStart', { message: error instanceof Error ? error.message : String(error) }) });
      return null;
    }
  };

  const begin = async (): Promise<void> => {
    const take = await prepared.current;
    prepared.current = null;
    const s = state.current;
    if (!take || s.phase !== 'recording') {
      if (take) void take.abort();
      if (!take) state.current = { phase: 'stopped', recordedMs: 0, reason: 'failed', message: null };
      return show();
    }
    take.begin();
    recorder.current = take;
    // Media time counts from the recorder's first frame, so journal times match the video's own.
    if (s.recordedMs === 0) state.current = { ...s, since: now() };
  };

  const lastFace = useRef<{ at: number; present: boolean }>({ at: -Infinity, present: false });
  const sampleFace = (): void => {
    const take = recorder.current;
    const t = now();
    if (!take || t - lastFace.current.at < FACE_SAMPLE_MS) return;
    const box = latest.current.face();
    const mediaMs = Math.round(elapsedMs(state.current, t));
    if (box) take.event({ type: 'face', t: mediaMs, x: box.x, y: box.y, w: box.w, h: box.h });
    else if (lastFace.current.present) take.event({ type: 'face-lost', t: mediaMs });
    lastFace.current = { at: t, present: box !== null };
  };

  useEffect(() => {
    const timer = setInterval(() => {
      const phase = state.current.phase;
      if (phase === 'countdown' || phase === 'recording') act({ type: 'tick' });
      if (state.current.phase === 'recording') sampleFace();
    }, 100);
    return () => {
      clearInterval(timer);
      // Leaving the page mid-take keeps what was recorded (the take is finished, not dropped).
      const s = state.current;
      if (recorder.current && (s.phase === 'recording' || s.phase === 'paused')) void recorder.current.stop(elapsedMs(s, now()));
    };
  }, [act]);

  const event = useCallback((e: RecordingEvent): void => recorder.current?.event(e), []);
  const mediaTime = useCallback((): number => Math.round(elapsedMs(state.current, now())), []);
  return { view, act, event, mediaTime };
}
