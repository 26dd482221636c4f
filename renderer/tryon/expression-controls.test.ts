import { describe, expect, it } from 'vitest';
import type { TriggerKind } from '@shared/domain/tryon/expressions';
import { COUNTDOWN_MS, ExpressionControls, INDICATOR_MS, type ExpressionActions, type ExpressionCue, type ExpressionView } from './expression-controls';

/** An engine that emits triggers on demand and records what was switched on. */
class FakeEngine {
  readonly enabled = new Map<TriggerKind, boolean>([
    ['smile', true],
    ['mouth-open', true],
    ['brows-raised', true],
  ]);
  private listener: ((kind: TriggerKind) => void) | null = null;
  onTrigger(listener: (kind: TriggerKind) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }
  setTriggerEnabled(kind: TriggerKind, on: boolean): void {
    this.enabled.set(kind, on);
  }
  /** As the engine does: a disabled detector never fires. */
  emit(kind: TriggerKind): void {
    if (this.enabled.get(kind)) this.listener?.(kind);
  }
  /** A trigger already on its way when the switch went off (bypasses the engine's own check). */
  emitAnyway(kind: TriggerKind): void {
    this.listener?.(kind);
  }
  get listening(): boolean {
    return this.listener !== null;
  }
}

/** A manual clock: timers run when `advance` passes them. */
class Clock {
  now = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private next = 1;
  setTimer = (run: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.push({ at: this.now + ms, run, id });
    return id;
  };
  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.run();
    }
    this.now = end;
  }
}

function setup(can = { photo: true, shade: true, item: true }) {
  const engine = new FakeEngine();
  const clock = new Clock();
  const calls: string[] = [];
  const cues: ExpressionCue[] = [];
  const actions: ExpressionActions = {
    canPhoto: () => can.photo,
    photo: () => void calls.push('photo'),
    nextShade: () => (calls.push('shade'), can.shade),
    nextItem: () => (calls.push('item'), can.item),
  };
  const controls = new ExpressionControls(engine, actions, { setTimer: clock.setTimer, clearTimer: clock.clearTimer, sound: (cue) => void cues.push(cue) });
  const views: ExpressionView[] = [];
  controls.subscribe((v) => views.push(v));
  return { engine, clock, calls, cues, controls, views, can };
}

const ALL_ON = { smile: true, mouthOpen: true, browsRaised: true };

describe('ExpressionControls', () => {
  it('turns every detector off until the settings arrive, then as Settings says', () => {
    const { engine, controls } = setup();
    expect([...engine.enabled.values()]).toEqual([false, false, false]);
    controls.setSettings({ smile: true, mouthOpen: false, browsRaised: true });
    expect(Object.fromEntries(engine.enabled)).toEqual({ smile: true, 'mouth-open': false, 'brows-raised': true });
    controls.setSettings(undefined);
    expect([...engine.enabled.values()]).toEqual([false, false, false]);
  });

  it('a smile takes one photo after the 1 s countdown, with a beep then a shutter sound', () => {
    const { engine, clock, calls, cues, controls } = setup();
    controls.setSettings(ALL_ON);
    engine.emit('smile');
    expect(controls.get()).toMatchObject({ countdown: true, fired: { kind: 'smile', outcome: 'photo' } });
    expect(cues).toEqual(['countdown']);
    clock.advance(COUNTDOWN_MS - 1);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['photo']);
    expect(cues).toEqual(['countdown', 'shutter']);
    expect(controls.get().countdown).toBe(false);
    // The indicator outlives the countdown, then goes.
    expect(controls.get().fired?.kind).toBe('smile');
    clock.advance(INDICATOR_MS);
    expect(controls.get().fired).toBeNull();
    clock.advance(10_000);
    expect(calls).toEqual(['photo']);
  });

  it('an open mouth steps the shade and raised brows the item, once each, named by the indicator', () => {
    const { engine, clock, calls, controls } = setup();
    controls.setSettings(ALL_ON);
    engine.emit('mouth-open');
    expect(calls).toEqual(['shade']);
    expect(controls.get()).toMatchObject({ countdown: false, fired: { kind: 'mouth-open', outcome: 'shade' } });
    engine.emit('brows-raised');
    expect(calls).toEqual(['shade', 'item']);
    expect(controls.get().fired).toMatchObject({ kind: 'brows-raised', outcome: 'item' });
    clock.advance(INDICATOR_MS - 1);
    expect(controls.get().fired).not.toBeNull();
    clock.advance(1);
    expect(controls.get().fired).toBeNull();
  });

  it('a second trigger during the countdown cancels the photo and does nothing else', () => {
    const { engine, clock, calls, cues, controls } = setup();
    controls.setSettings(ALL_ON);
    engine.emit('smile');
    clock.advance(400);
    engine.emit('mouth-open');
    expect(controls.get()).toMatchObject({ countdown: false, fired: { kind: 'mouth-open', outcome: 'cancelled' } });
    clock.advance(5000);
    expect(calls).toEqual([]);
    expect(cues).toEqual(['countdown']);
    // A new smile starts a new countdown.
    engine.emit('smile');
    clock.advance(COUNTDOWN_MS);
    expect(calls).toEqual(['photo']);
  });

  it('ignores disabled triggers, including one already on its way when the switch went off', () => {
    const { engine, clock, calls, views, controls } = setup();
    controls.setSettings({ smile: false, mouthOpen: true, browsRaised: false });
    engine.emit('smile');
    engine.emit('brows-raised');
    engine.emitAnyway('smile');
    clock.advance(5000);
    expect(calls).toEqual([]);
    expect(views).toEqual([]);
    engine.emit('mouth-open');
    expect(calls).toEqual(['shade']);
  });

  it('switching the smile off mid-countdown cancels the photo', () => {
    const { engine, clock, calls, controls } = setup();
    controls.setSettings(ALL_ON);
    engine.emit('smile');
    controls.setSettings({ ...ALL_ON, smile: false });
    expect(controls.get().countdown).toBe(false);
    clock.advance(5000);
    expect(calls).toEqual([]);
  });

  it('says when a trigger cannot act: no photo during a take, no item to step', () => {
    const { engine, clock, calls, cues, controls, can } = setup({ photo: false, shade: false, item: true });
    controls.setSettings(ALL_ON);
    engine.emit('smile');
    expect(controls.get()).toMatchObject({ countdown: false, fired: { kind: 'smile', outcome: 'unavailable' } });
    engine.emit('mouth-open');
    expect(controls.get().fired).toMatchObject({ kind: 'mouth-open', outcome: 'unavailable' });
    // A take that starts during the countdown: no photo when it ends.
    can.photo = true;
    engine.emit('smile');
    can.photo = false;
    clock.advance(COUNTDOWN_MS);
    expect(calls).toEqual(['shade']);
    expect(cues).toEqual(['countdown']);
  });

  it('stops listening and cancels its timers when disposed', () => {
    const { engine, clock, calls, controls } = setup();
    controls.setSettings(ALL_ON);
    engine.emit('smile');
    controls.dispose();
    expect(engine.listening).toBe(false);
    clock.advance(5000);
    expect(calls).toEqual([]);
  });
});
