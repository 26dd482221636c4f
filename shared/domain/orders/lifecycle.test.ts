import { describe, expect, test } from 'vitest';
import {
  CANCEL_KINDS,
  DEFAULT_ORDER_WINDOWS,
  HOUR_MS,
  ORDER_ACTION_TYPES,
  checkWindows,
  decide,
  mayAct,
  newOrder,
  nextDeadline,
  orderAt,
  type OrderAction,
  type OrderActionType,
  type OrderActor,
  type OrderLifecycle,
} from './lifecycle';

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
const W = { acceptMs: 48 * HOUR_MS, deliverMs: 168 * HOUR_MS };

function actionOf(type: OrderActionType): OrderAction {
  return type === 'refuse' || type === 'cancel' ? { type, reason: 'because' } : { type };
}

/** One order per reachable stored situation, built only through `decide`. */
function fixtures(): Record<string, OrderLifecycle> {
  const pending = newOrder(T0, W);
  const step = (order: OrderLifecycle, actor: OrderActor, type: OrderActionType, at: number): OrderLifecycle => {
    const d = decide(order, actor, actionOf(type), at, W);
    if (!d.ok) throw new Error(`${type}: ${d.reason}`);
    return d.order;
  };
  const accepted = step(pending, 'creator', 'accept', T0 + HOUR_MS);
  const delivered = step(accepted, 'creator', 'deliver', T0 + 2 * HOUR_MS);
  return {
    pending,
    accepted,
    delivered,
    commented: step(delivered, 'requester', 'comment', T0 + 3 * HOUR_MS),
    refused: step(pending, 'creator', 'refuse', T0 + HOUR_MS),
    cancelledByRequester: step(pending, 'requester', 'cancel', T0 + HOUR_MS),
    cancelledByCreator: step(accepted, 'creator', 'cancel', T0 + 2 * HOUR_MS),
    // Expired ones as the deadline job writes them (orderAt's view).
    acceptExpired: orderAt(pending, T0 + W.acceptMs).order,
    deliverExpired: orderAt(accepted, T0 + HOUR_MS + W.deliverMs).order,
  };
}

type Expect = 'ok' | 'forbidden' | 'invalid_state' | 'deadline_passed' | 'already_commented';
/** The expected outcome per situation × actor × action, before any deadline (written out, not derived). */
const TABLE: Record<string, Record<OrderActor, Record<OrderActionType, Expect>>> = {
  pending: {
    creator: { accept: 'ok', refuse: 'ok', cancel: 'invalid_state', deliver: 'invalid_state', comment: 'forbidden' },
    requester: { accept: 'forbidden', refuse: 'forbidden', cancel: 'ok', deliver: 'forbidden', comment: 'invalid_state' },
  },
  accepted: {
    creator: { accept: 'invalid_state', refuse: 'invalid_state', cancel: 'ok', deliver: 'ok', comment: 'forbidden' },
    requester: { accept: 'forbidden', refuse: 'forbidden', cancel: 'invalid_state', deliver: 'forbidden', comment: 'invalid_state' },
  },
  delivered: {
    creator: { accept: 'invalid_state', refuse: 'invalid_state', cancel: 'invalid_state', deliver: 'invalid_state', comment: 'forbidden' },
    requester: { accept: 'forbidden', refuse: 'forbidden', cancel: 'invalid_state', deliver: 'forbidden', comment: 'ok' },
  },
  commented: {
    creator: { accept: 'invalid_state', refuse: 'invalid_state', cancel: 'invalid_state', deliver: 'invalid_state', comment: 'forbidden' },
    requester: { accept: 'forbidden', refuse: 'forbidden', cancel: 'invalid_state', deliver: 'forbidden', comment: 'already_commented' },
  },
};
for (const cancelled of ['refused', 'cancelledByRequester', 'cancelledByCreator', 'acceptExpired', 'deliverExpired']) {
  TABLE[cancelled] = {
    creator: { accept: 'invalid_state', refuse: 'invalid_state', cancel: 'invalid_state', deliver: 'invalid_state', comment: 'forbidden' },
    requester: { accept: 'forbidden', refuse: 'forbidden', cancel: 'invalid_state', deliver: 'forbidden', comment: 'invalid_state' },
  };
}

const ACTORS: readonly OrderActor[] = ['creator', 'requester'];

describe('every situation × actor × action', () => {
  const orders = fixtures();
  test('the table covers every fixture', () => expect(Object.keys(TABLE).sort()).toEqual(Object.keys(orders).sort()));

  for (const [name, order] of Object.entries(fixtures())) {
    for (const actor of ACTORS) {
      for (const type of ORDER_ACTION_TYPES) {
        test(`${name}: ${actor} ${type}, before any deadline`, () => {
          // Just after the last thing that happened, before the pending deadline (if any).
          const now = T0 + 4 * HOUR_MS;
          const d = decide(order, actor, actionOf(type), now, W);
          expect(d.ok ? 'ok' : d.code).toBe(TABLE[name]![actor][type]);
          if (!d.ok) {
            expect(d.reason.length).toBeGreaterThan(10);
            return;
          }
          expect(d.order).not.toEqual(order);
          const expectedState = { accept: 'accepted', refuse: 'cancelled', cancel: 'cancelled', deliver: 'delivered', comment: 'delivered' }[type];
          expect(d.order.state).toBe(expectedState);
          // The stored input is never changed.
          expect(order).toEqual(fixtures()[name]);
        });

        test(`${name}: ${actor} ${type}, at and after the deadline it waits on`, () => {
          const due = nextDeadline(order);
          for (const now of due ? [due.at, due.at + 1, due.at + 365 * 24 * HOUR_MS] : [T0 + 1000 * HOUR_MS]) {
            const d = decide(order, actor, actionOf(type), now, W);
            const expected = TABLE[name]![actor][type];
            if (!due || expected === 'forbidden') expect(d.ok ? 'ok' : d.code).toBe(expected);
            else expect(d.ok ? 'ok' : d.code).toBe('deadline_passed');
          }
        });
      }
    }
  }
});

describe('transitions carry times, deadlines and reasons', () => {
  test('a new order waits 48 h for acceptance; accepting sets 168 h from acceptance', () => {
    const order = newOrder(T0);
    expect(order).toEqual({ state: 'pending_acceptance', times: { requestedAt: T0 }, deadlines: { acceptBy: T0 + 48 * HOUR_MS }, cancelReason: null, commented: false });
    expect(nextDeadline(order)).toEqual({ at: T0 + 48 * HOUR_MS, kind: 'accept' });
    const at = T0 + 47 * HOUR_MS;
    const d = decide(order, 'creator', { type: 'accept' }, at);
    expect(d).toEqual({
      ok: true,
      change: 'accepted',
      order: { ...order, state: 'accepted', times: { requestedAt: T0, acceptedAt: at }, deadlines: { acceptBy: T0 + 48 * HOUR_MS, deliverBy: at + 168 * HOUR_MS } },
    });
    if (d.ok) expect(nextDeadline(d.order)).toEqual({ at: at + 168 * HOUR_MS, kind: 'deliver' });
  });

  test('configured windows move the deadlines (short windows for tests and operators)', () => {
    const short = { acceptMs: 1000, deliverMs: 2000 };
    const order = newOrder(T0, short);
    expect(order.deadlines.acceptBy).toBe(T0 + 1000);
    expect(decide(order, 'creator', { type: 'accept' }, T0 + 999, short)).toMatchObject({ ok: true, order: { deadlines: { deliverBy: T0 + 999 + 2000 } } });
    expect(decide(order, 'creator', { type: 'accept' }, T0 + 1000, short)).toMatchObject({ ok: false, code: 'deadline_passed' });
  });

  test('each cancellation records its kind, the person’s reason and the time', () => {
    const o = fixtures();
    expect(o.refused).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'refused_by_creator', text: 'because' }, times: { cancelledAt: T0 + HOUR_MS } });
    expect(o.cancelledByRequester).toMatchObject({ cancelReason: { kind: 'cancelled_by_requester', text: 'because' } });
    expect(o.cancelledByCreator).toMatchObject({ cancelReason: { kind: 'cancelled_by_creator', text: 'because' }, times: { acceptedAt: T0 + HOUR_MS, cancelledAt: T0 + 2 * HOUR_MS } });
    expect(o.acceptExpired).toMatchObject({ cancelReason: { kind: 'not_accepted_in_time' }, times: { cancelledAt: T0 + 48 * HOUR_MS } });
    expect(o.deliverExpired).toMatchObject({ cancelReason: { kind: 'not_delivered_in_time' }, times: { cancelledAt: T0 + HOUR_MS + 168 * HOUR_MS } });
    expect(new Set(Object.values(o).flatMap((x) => (x.cancelReason ? [x.cancelReason.kind] : [])))).toEqual(new Set(CANCEL_KINDS));
  });
});

describe('an expired order never reads as pending', () => {
  test('orderAt: pending before the deadline, cancelled at it (at the deadline’s time, not the reader’s)', () => {
    const order = newOrder(T0);
    const acceptBy = T0 + DEFAULT_ORDER_WINDOWS.acceptMs;
    expect(orderAt(order, acceptBy - 1)).toEqual({ order, changed: false });
    for (const now of [acceptBy, acceptBy + 1, acceptBy + 1e9]) {
      const view = orderAt(order, now);
      expect(view.changed).toBe(true);
      expect(view.order.state).toBe('cancelled');
      expect(view.order.times.cancelledAt).toBe(acceptBy);
      expect(nextDeadline(view.order)).toBeNull();
    }
  });

  test('random reads: whenever now ≥ the next deadline, the view is cancelled and has no deadline left', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed / 2 ** 31);
    const o = fixtures();
    const open = [o.pending!, o.accepted!];
    for (let i = 0; i < 2000; i++) {
      const order = open[i % 2]!;
      const now = T0 + Math.floor(rand() * 400 * HOUR_MS);
      const due = nextDeadline(order)!;
      const view = orderAt(order, now).order;
      if (now >= due.at) {
        expect(view.state).toBe('cancelled');
        expect(nextDeadline(view)).toBeNull();
      } else expect(view).toBe(order);
    }
  });

  test('delivered and cancelled orders never expire', () => {
    const o = fixtures();
    for (const name of ['delivered', 'commented', 'refused', 'acceptExpired'] as const) expect(orderAt(o[name]!, T0 + 1e12)).toEqual({ order: o[name], changed: false });
  });
});

test('who may take which action, before state', () => {
  expect(ORDER_ACTION_TYPES.filter((a) => mayAct('creator', a))).toEqual(['accept', 'refuse', 'cancel', 'deliver']);
  expect(ORDER_ACTION_TYPES.filter((a) => mayAct('requester', a))).toEqual(['cancel', 'comment']);
});

test('windows must be positive whole milliseconds', () => {
  expect(checkWindows({ acceptMs: 1, deliverMs: 1 })).toEqual({ acceptMs: 1, deliverMs: 1 });
  for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => checkWindows({ acceptMs: bad, deliverMs: 1 })).toThrow(RangeError);
});
