/**
 * The shooting page's take, as pure data: countdown 3-2-1, record, pause/resume, stop, a maximum
 * length, and the elapsed time that excludes pauses (the same media time the journal's `t` uses).
 * Intents are Excalidraw-style actions: state + action + now → a new state or a refusal with a reason.
 */

/** Maximum take lengths offered in the shooting page, seconds. */
export const MAX_LENGTH_CHOICES_S = [15, 30, 60, 180, 600] as const;
export type MaxLengthS = (typeof MAX_LENGTH_CHOICES_S)[number];
export const DEFAULT_MAX_LENGTH_S: MaxLengthS = 60;
export const COUNTDOWN_S = 3;

export type TakeState =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'countdown'; startedAt: number; seconds: number }>
  /** `recordedMs` is what was recorded before `since` (earlier stretches between pauses). */
  | Readonly<{ phase: 'recording'; since: number; recordedMs: number }>
  | Readonly<{ phase: 'paused'; recordedMs: number }>
  | Readonly<{ phase: 'stopped'; recordedMs: number; reason: 'user' | 'max-length' | 'failed'; message: string | null }>;

export type TakeAction =
  | Readonly<{ type: 'shoot'; countdownSeconds?: number }>
  | Readonly<{ type: 'tick' }>
  | Readonly<{ type: 'pause' }>
  | Readonly<{ type: 'resume' }>
  | Readonly<{ type: 'stop' }>
  | Readonly<{ type: 'fail'; message: string }>
  | Readonly<{ type: 'reset' }>;

export type TakeResult = Readonly<{ ok: true; state: TakeState }> | Readonly<{ ok: false; reason: string }>;

export const IDLE: TakeState = Object.freeze({ phase: 'idle' });

/** Recorded media time at `now`, pauses excluded, never above the maximum. */
export function elapsedMs(state: TakeState, now: number): number {
  switch (state.phase) {
    case 'idle':
    case 'countdown':
      return 0;
    case 'recording':
      return state.recordedMs + Math.max(0, now - state.since);
    case 'paused':
    case 'stopped':
      return state.recordedMs;
    default: {
      const never: never = state;
      throw new Error(`unknown take phase ${String(never)}`);
    }
  }
}

/** The number the countdown shows (3, 2, 1), or 0 when not counting down. */
export function countdownShown(state: TakeState, now: number): number {
  if (state.phase !== 'countdown') return 0;
  return Math.max(0, Math.ceil(state.seconds - (now - state.startedAt) / 1000));
}

const ok = (state: TakeState): TakeResult => ({ ok: true, state });
const refuse = (reason: string): TakeResult => ({ ok: false, reason });

export function applyTake(state: TakeState, action: TakeAction, now: number, maxLengthS: number): TakeResult {
  const maxMs = maxLengthS * 1000;
  switch (action.type) {
    case 'shoot': {
      if (state.phase !== 'idle' && state.phase !== 'stopped') return refuse('A take is already under way');
      const seconds = action.countdownSeconds ?? COUNTDOWN_S;
      return ok(seconds > 0 ? { phase: 'countdown', startedAt: now, seconds } : { phase: 'recording', since: now, recordedMs: 0 });
    }
    case 'tick': {
      if (state.phase === 'countdown' && now - state.startedAt >= state.seconds * 1000) {
        // Recording starts when the countdown was due to end, not when the late tick arrived.
        return ok({ phase: 'recording', since: state.startedAt + state.seconds * 1000, recordedMs: 0 });
      }
      if (state.phase === 'recording' && elapsedMs(state, now) >= maxMs) return ok({ phase: 'stopped', recordedMs: maxMs, reason: 'max-length', message: null });
      return ok(state);
    }
    case 'pause':
      if (state.phase !== 'recording') return refuse('Only a running take can be paused');
      return ok({ phase: 'paused', recordedMs: Math.min(maxMs, elapsedMs(state, now)) });
    case 'resume':
      if (state.phase !== 'paused') return refuse('Only a paused take can be resumed');
      if (state.recordedMs >= maxMs) return refuse('The take has reached its maximum length');
      return ok({ phase: 'recording', since: now, recordedMs: state.recordedMs });
    case 'stop':
      if (state.phase === 'countdown') return ok(IDLE);
      if (state.phase !== 'recording' && state.phase !== 'paused') return refuse('Nothing is being recorded');
      return ok({ phase: 'stopped', recordedMs: Math.min(maxMs, elapsedMs(state, now)), reason: 'user', message: null });
    case 'fail':
      if (state.phase === 'idle' || state.phase === 'stopped') return ok(state);
      return ok({ phase: 'stopped', recordedMs: Math.min(maxMs, elapsedMs(state, now)), reason: 'failed', message: action.message });
    case 'reset':
      if (state.phase === 'recording' || state.phase === 'paused') return refuse('Stop the take first');
      return ok(IDLE);
    default: {
      const never: never = action;
      throw new Error(`unknown take action ${String(never)}`);
    }
  }
}
