import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '@shared/domain/drafts';
import type { StudioClient } from '../client/studio-client-type';
import type { RecordingEvent } from '@shared/ipc/media-schemas';
import type { LookLayerIds } from '@shared/domain/tryon/look-ids';
import { TakeController, type TakeInputs, type TakeRecording } from './take-controller';
import type { TakeRecorderOptions } from './take-recorder';

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

  it('journals the whole look: at the start, a shade change at once, an intensity drag once, the last drag at Stop', async () => {
    const calls: string[] = [];
    const events: RecordingEvent[] = [];
    let started: TakeRecorderOptions | null = null;
    const layer = (itemId: string, attributeId: string, intensity = 1) => ({ itemId, attributeId, intensity }) as LookLayerIds;
    let worn = { itemId: 'velvet-lips', attributeId: 'red', look: [layer('sunset-lids', 'plum'), layer('velvet-lips', 'red'), layer('round-frames', 'gold')] };
    const inputs: TakeInputs = { canvas: () => ({}) as HTMLCanvasElement, audio: () => null, look: () => worn, maxLengthS: 60, face: () => null, onFinished: () => undefined };
    const recorder = (options: TakeRecorderOptions): TakeRecording => {
      started = options;
      return { ...fakeRecorder(calls), event: (e) => void events.push(e) };
    };
    const controller = new TakeController({ client: () => ({}) as StudioClient, inputs: () => inputs, now: () => clock, recorder });
    controller.start();
    controller.act({ type: 'shoot' });
    await advance(3000);
    expect(started).toMatchObject({ itemId: 'velvet-lips', attributeId: 'red', look: worn.look });

    await advance(1000);
    // The eyeshadow's shade, chosen on its own layer (which becomes current).
    worn = { itemId: 'sunset-lids', attributeId: 'gold', look: [layer('sunset-lids', 'gold'), layer('velvet-lips', 'red'), layer('round-frames', 'gold')] };
    await advance(200);
    // A drag of the lipstick's slider, a step per tick, let go at 40 %, then held.
    for (const value of [0.9, 0.7, 0.5, 0.4]) {
      worn = { itemId: 'velvet-lips', attributeId: 'red', look: [layer('sunset-lids', 'gold'), layer('velvet-lips', 'red', value), layer('round-frames', 'gold')] };
      await advance(100);
    }
    await advance(1000);
    // A last drag right before Stop is still written.
    worn = { ...worn, look: [layer('sunset-lids', 'gold', 0.6), layer('velvet-lips', 'red', 0.4), layer('round-frames', 'gold')] };
    controller.act({ type: 'stop' });
    await vi.runOnlyPendingTimersAsync();

    const lines = events.filter((e) => e.type === 'look' || e.type === 'attribute');
    expect(lines.map((e) => (e.type === 'look' ? `look:${e.look.map((l) => `${l.attributeId}@${l.intensity}`).join('+')}` : `attribute:${e.itemId}/${e.attributeId}`))).toEqual([
      'look:gold@1+red@1+gold@1',
      'attribute:sunset-lids/gold',
      'attribute:velvet-lips/red',
      'look:gold@1+red@0.4+gold@1',
      'look:gold@0.6+red@0.4+gold@1',
    ]);
    // Each at the media time it showed: the shade about 1 s in, the let-go value when it first showed.
    const looks = lines.filter((e) => e.type === 'look');
    expect(looks[0]!.t).toBeGreaterThanOrEqual(1000);
    expect(looks[0]!.t).toBeLessThanOrEqual(1100);
    expect(looks[1]!.t).toBeGreaterThanOrEqual(1500);
    expect(looks[1]!.t).toBeLessThan(1700);
    expect(calls.find((c) => c.startsWith('stop@'))).toBe('stop@2600');
    controller.dispose();
  });

  it('a page without layers (the live take) journals no look', async () => {
    const events: RecordingEvent[] = [];
    let started: TakeRecorderOptions | null = null;
    const inputs: TakeInputs = {
      canvas: () => ({}) as HTMLCanvasElement,
      audio: () => null,
      look: () => ({ itemId: 'velvet-lips', attributeId: 'red' }),
      maxLengthS: 60,
      face: () => null,
      onFinished: () => undefined,
    };
    const controller = new TakeController({
      client: () => ({}) as StudioClient,
      inputs: () => inputs,
      now: () => clock,
      recorder: (options) => {
        started = options;
        return { ...fakeRecorder([]), event: (e) => void events.push(e) };
      },
    });
    controller.start();
    controller.act({ type: 'shoot' });
    await advance(4000);
    controller.act({ type: 'stop' });
    await vi.runOnlyPendingTimersAsync();
    expect(started!.look).toBeUndefined();
    expect(events.filter((e) => e.type === 'look' || e.type === 'attribute')).toEqual([]);
    controller.dispose();
  });
});
