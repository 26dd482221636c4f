import { describe, expect, it } from 'vitest';
import { ALERT_MS, alertEndsAt, emptyAlertQueue, reduceAlerts, type AlertAction, type AlertQueue } from './alert-queue';

type A = { readonly id: string };
const run = (actions: readonly [AlertAction<A>, number][], start: AlertQueue<A> = emptyAlertQueue<A>()): AlertQueue<A> => actions.reduce((q, [a, t]) => reduceAlerts(q, a, t), start);
const offer = (id: string): AlertAction<A> => ({ type: 'offer', alert: { id } });

describe('gift alert queue', () => {
  it('shows one alert at a time in arrival order, each for ALERT_MS', () => {
    const q = run([
      [offer('a'), 0],
      [offer('b'), 10],
    ]);
    expect(q.current?.id).toBe('a');
    expect(q.waiting.map((x) => x.id)).toEqual(['b']);
    expect(alertEndsAt(q)).toBe(ALERT_MS);
    expect(reduceAlerts(q, { type: 'tick' }, ALERT_MS - 1).current?.id).toBe('a');
    const next = reduceAlerts(q, { type: 'tick' }, ALERT_MS);
    expect(next.current?.id).toBe('b');
    expect(next.shownAt).toBe(ALERT_MS);
    expect(next.shown.map((x) => x.id)).toEqual(['a']);
    const done = reduceAlerts(next, { type: 'tick' }, 2 * ALERT_MS);
    expect(done).toMatchObject({ current: null, shownAt: null, waiting: [] });
    expect(done.shown.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('queues an id once, whether waiting, on screen or already shown', () => {
    const q = run([
      [offer('a'), 0],
      [offer('b'), 1],
      [offer('a'), 2],
      [offer('b'), 3],
      [{ type: 'tick' }, ALERT_MS],
      [{ type: 'tick' }, 2 * ALERT_MS],
      [offer('a'), 2 * ALERT_MS + 1],
    ]);
    expect(q.current).toBeNull();
    expect(q.shown.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('pause lets the alert on screen finish and starts no other until resumed', () => {
    let q = run([
      [offer('a'), 0],
      [offer('b'), 0],
      [{ type: 'pause' }, 100],
    ]);
    expect(q.current?.id).toBe('a');
    q = reduceAlerts(q, { type: 'tick' }, ALERT_MS);
    expect(q.current).toBeNull();
    q = reduceAlerts(q, offer('c'), ALERT_MS + 1);
    expect(q.current).toBeNull();
    expect(q.waiting.map((x) => x.id)).toEqual(['b', 'c']);
    q = reduceAlerts(q, { type: 'resume' }, 9000);
    expect(q.current?.id).toBe('b');
    expect(q.shownAt).toBe(9000);
  });

  it('skip ends the alert on screen at once; skip with nothing showing changes nothing', () => {
    let q = run([
      [offer('a'), 0],
      [offer('b'), 0],
      [{ type: 'skip' }, 50],
    ]);
    expect(q.current?.id).toBe('b');
    expect(q.shownAt).toBe(50);
    q = reduceAlerts(q, { type: 'skip' }, 60);
    expect(q.current).toBeNull();
    expect(reduceAlerts(q, { type: 'skip' }, 70)).toBe(q);
  });

  it('replay shows a past alert next (at once when idle, even paused); an unknown id changes nothing', () => {
    let q = run([
      [offer('a'), 0],
      [{ type: 'tick' }, ALERT_MS],
    ]);
    q = reduceAlerts(q, { type: 'pause' }, ALERT_MS + 1);
    q = reduceAlerts(q, { type: 'replay', id: 'a' }, ALERT_MS + 2);
    expect(q.current?.id).toBe('a');
    expect(q.shownAt).toBe(ALERT_MS + 2);
    expect(reduceAlerts(q, { type: 'replay', id: 'zzz' }, ALERT_MS + 3)).toBe(q);

    let busy = run([
      [offer('x'), 0],
      [offer('y'), 0],
      [offer('z'), 0],
      [{ type: 'skip' }, 1],
    ]);
    busy = reduceAlerts(busy, { type: 'replay', id: 'x' }, 2);
    expect(busy.current?.id).toBe('y');
    expect(busy.waiting.map((w) => w.id)).toEqual(['x', 'z']);
    busy = reduceAlerts(busy, { type: 'skip' }, 3);
    expect(busy.current?.id).toBe('x');
    expect(busy.shown.map((w) => w.id)).toEqual(['y', 'x']);
  });
});
