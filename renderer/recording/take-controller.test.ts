import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '@shared/domain/drafts';
import type { StudioClient } from '../client/studio-client-type';
import { TakeController, type TakeInputs, type TakeRecording } from './take-controller';

/** A recorder that writes down what the controller asks of it. */
function fakeRecorder(calls: string[]): TakeRecording {
  return {
    prepare: async () => void calls.push('prepare'),
    begin: () => void calls.push('begin'),
    pause: (t) => void calls.push(`pause@${t}`),
    resume: (t) => void calls.push(`resume@${t}`),
    stop: async (ms) => {
      calls.push(`stop@${ms}`);
      return { id: 'drf_1', title: 'take' } as unknown as Draft;
    },
    abort: async () => void calls.push('abort'),
    event: (e) => void calls.push(`event:${e.type}`),
  };
}

describe('TakeController', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  const advance = async (ms: number): Promise<void> => {
    for (let i = 0; i < ms / 100; i++) {
      clock += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
  };

  it('counts down, records, pauses, resumes and stops into a draft, showing only what changes', async () => {
    const calls: string[] = [];
    const finished: Draft[] = [];
    let face: { x: number; y: number; w: number; h: number } | null = { x: 0.4, y: 0.3, w: 0.2, h: 0.3 };
    const inputs: TakeInputs = {
      canvas: () => ({}) as HTMLCanvasElement,
      audio: () => null,
      look: () => ({ itemId: 'lip-1', attributeId: 'red' }),
      maxLengthS: 60,
      face: () => face,
      onFinished: (draft) => finished.push(draft),
    };
    const controller = new TakeController({ client: () => ({}) as StudioClient, inputs: () => inputs, now: () => clock, recorder: () => fakeRecorder(calls) });
    const views: string[] = [];
    controller.subscribe(() => views.push(`${controller.view().phase}:${controller.view().countdown}:${controller.view().seconds}`));
    controller.start();

    controller.act({ type: 'shoot' });
    expect(controller.view().phase).toBe('countdown');
    await advance(3000);
    expect(controller.view().phase).toBe('recording');
    expect(calls.slice(0, 2)).toEqual(['prepare', 'begin']);

    await advance(2000);
    face = null;
    await advance(500);
    controller.event({ type: 'filter', t: controller.mediaTime(), filter: 'warm' });
    controller.act({ type: 'pause' });
    await advance(1000);
    controller.act({ type: 'resume' });
    await advance(1000);
    controller.act({ type: 'stop' });
    await vi.runOnlyPendingTimersAsync();

    expect(calls.filter((c) => c.startsWith('event:face')).length).toBeGreaterThanOrEqual(7);
    expect(calls).toContain('event:face-lost');
    expect(calls).toContain('event:filter');
    expect(calls.find((c) => c.startsWith('pause@'))).toBe('pause@2500');
    expect(calls.find((c) => c.startsWith('resume@'))).toBe('resume@2500');
    expect(calls.find((c) => c.startsWith('stop@'))).toBe('stop@3500');
    expect(finished).toHaveLength(1);
    expect(controller.view()).toMatchObject({ phase: 'stopped', seconds: 3, busy: false, message: null });
    // The countdown digits, then one change per whole second: no view per tick.
    expect(views.slice(0, 4)).toEqual(['countdown:3:0', 'countdown:2:0', 'countdown:1:0', 'recording:0:0']);
    expect(views.length).toBeLessThan(20);
    controller.dispose();
  });

  it('cancelling the countdown drops the prepared take', async () => {
    const calls: string[] = [];
    const inputs = { canvas: () => ({}) as HTMLCanvasElement, audio: () => null, look: () => ({ itemId: null, attributeId: null }), maxLengthS: 60, face: () => null, onFinished: () => undefined };
    const controller = new TakeController({ client: () => ({}) as StudioClient, inputs: () => inputs, now: () => clock, recorder: () => fakeRecorder(calls) });
    controller.start();
    controller.act({ type: 'shoot' });
    await advance(1000);
    controller.act({ type: 'stop' });
    await vi.runOnlyPendingTimersAsync();
    expect(calls).toEqual(['prepare', 'abort']);
    expect(controller.view().phase).toBe('idle');
    controller.dispose();
  });
});
