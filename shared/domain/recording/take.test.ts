import { describe, expect, it } from 'vitest';
import { IDLE, applyTake, countdownShown, elapsedMs, type TakeAction, type TakeState } from './take';

const run = (steps: readonly [TakeAction, number][], max = 60, from: TakeState = IDLE): TakeState =>
  steps.reduce((state, [action, now]) => {
    const result = applyTake(state, action, now, max);
    if (!result.ok) throw new Error(result.reason);
    return result.state;
  }, from);

describe('take', () => {
  it('counts down 3-2-1, then records from when the countdown was due to end', () => {
    const counting = run([[{ type: 'shoot' }, 1000]]);
    expect([1000, 1999, 2000, 3500, 3999].map((t) => countdownShown(counting, t))).toEqual([3, 3, 2, 1, 1]);
    expect(run([[{ type: 'tick' }, 3900]], 60, counting).phase).toBe('countdown');
    const recording = run([[{ type: 'tick' }, 4100]], 60, counting);
    expect(recording).toEqual({ phase: 'recording', since: 4000, recordedMs: 0 });
    expect(elapsedMs(recording, 9000)).toBe(5000);
  });

  it('leaves pauses out of the elapsed time', () => {
    const state = run([
      [{ type: 'shoot', countdownSeconds: 0 }, 0],
      [{ type: 'pause' }, 2000],
      [{ type: 'resume' }, 10_000],
    ]);
    expect(elapsedMs(state, 11_500)).toBe(3500);
    expect(run([[{ type: 'stop' }, 12_000]], 60, state)).toMatchObject({ phase: 'stopped', recordedMs: 4000, reason: 'user' });
  });

  it('stops by itself at the maximum length, and refuses to resume past it', () => {
    const state = run([[{ type: 'shoot', countdownSeconds: 0 }, 0]], 15);
    expect(run([[{ type: 'tick' }, 14_999]], 15, state).phase).toBe('recording');
    expect(run([[{ type: 'tick' }, 15_200]], 15, state)).toEqual({ phase: 'stopped', recordedMs: 15_000, reason: 'max-length', message: null });
    const paused = run([[{ type: 'pause' }, 16_000]], 15, state);
    expect(paused).toEqual({ phase: 'paused', recordedMs: 15_000 });
    expect(applyTake(paused, { type: 'resume' }, 17_000, 15)).toEqual({ ok: false, reason: 'The take has reached its maximum length' });
  });

  it('refuses intents that do not fit the phase, with a reason', () => {
    expect(applyTake(IDLE, { type: 'pause' }, 0, 60)).toMatchObject({ ok: false });
    expect(applyTake(IDLE, { type: 'stop' }, 0, 60)).toMatchObject({ ok: false });
    const recording = run([[{ type: 'shoot', countdownSeconds: 0 }, 0]]);
    expect(applyTake(recording, { type: 'shoot' }, 10, 60)).toEqual({ ok: false, reason: 'A take is already under way' });
    expect(applyTake(recording, { type: 'reset' }, 10, 60)).toMatchObject({ ok: false });
  });

  it('a cancelled countdown records nothing; a disk failure stops the take with its message', () => {
    expect(
      run([
        [{ type: 'shoot' }, 0],
        [{ type: 'stop' }, 1000],
      ]),
    ).toEqual(IDLE);
    const failed = run([
      [{ type: 'shoot', countdownSeconds: 0 }, 0],
      [{ type: 'fail', message: 'Recording stopped: the disk is full' }, 4200],
    ]);
    expect(failed).toEqual({ phase: 'stopped', recordedMs: 4200, reason: 'failed', message: 'Recording stopped: the disk is full' });
    expect(run([[{ type: 'shoot', countdownSeconds: 0 }, 5000]], 60, failed).phase).toBe('recording');
  });
});
