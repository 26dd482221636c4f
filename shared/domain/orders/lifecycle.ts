/**
 * The custom-order lifecycle as a pure state machine over plain data; time is always a parameter.
 *
 *   pending_acceptance ──accept──▶ accepted ──deliver──▶ delivered (──comment──▶ commented)
 *          │  refuse / cancel / 48 h pass    │  cancel (creator) / 168 h pass
 *          └───────────────▶ cancelled ◀─────┘
 *
 * Deadlines are absolute times stored on the order (acceptBy at creation, deliverBy at acceptance),
 * so changing the configured windows never moves an open order's deadline. An order whose deadline
 * has passed is cancelled at that deadline, whether or not anyone has written it yet: `orderAt`
 * gives the order as it stands at a time, and every action is decided on that view.
 */
export const ORDER_STATES = ['pending_acceptance', 'accepted', 'delivered', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const HOUR_MS = 60 * 60 * 1000;

export interface OrderWindows {
  /** From the request to the creator's acceptance (default 48 h). */
  readonly acceptMs: number;
  /** From acceptance to delivery (default 168 h). */
  readonly deliverMs: number;
}

export const DEFAULT_ORDER_WINDOWS: OrderWindows = { acceptMs: 48 * HOUR_MS, deliverMs: 168 * HOUR_MS };

export function checkWindows(windows: OrderWindows): OrderWindows {
  for (const [name, ms] of Object.entries(windows)) if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError(`order window ${name} must be a positive whole number of ms, not ${String(ms)}`);
  return windows;
}

export const CANCEL_KINDS = ['refused_by_creator', 'not_accepted_in_time', 'not_delivered_in_time', 'cancelled_by_requester', 'cancelled_by_creator'] as const;
export type CancelKind = (typeof CANCEL_KINDS)[number];

/** Why an order was cancelled; the three people-made kinds carry the person's reason. */
export interface CancelReason {
  readonly kind: CancelKind;
  readonly text?: string | undefined;
}

/** The product's wording for each kind (the apps translate by `kind`). */
export const CANCEL_LABELS: Readonly<Record<CancelKind, string>> = {
  refused_by_creator: 'The request is refused by the creator',
  not_accepted_in_time: 'The request is not accepted within 48 hours',
  not_delivered_in_time: 'The video is not sent within 168 hours',
  cancelled_by_requester: 'Cancelled by the requester',
  cancelled_by_creator: 'Cancelled by the creator',
};

export interface OrderTimes {
  readonly requestedAt: number;
  readonly acceptedAt?: number | undefined;
  readonly deliveredAt?: number | undefined;
  readonly cancelledAt?: number | undefined;
}

export interface OrderDeadlines {
  readonly acceptBy?: number | undefined;
  readonly deliverBy?: number | undefined;
}

/** The lifecycle part of an order: what the state machine reads and writes. */
export interface OrderLifecycle {
  readonly state: OrderState;
  readonly times: OrderTimes;
  /** acceptBy while pending; deliverBy once accepted (kept afterwards as history). */
  readonly deadlines: OrderDeadlines;
  readonly cancelReason: CancelReason | null;
  readonly commented: boolean;
}

export type OrderActor = 'requester' | 'creator';

export type OrderAction =
  | { readonly type: 'accept' }
  | { readonly type: 'refuse'; readonly reason: string }
  | { readonly type: 'cancel'; readonly reason: string }
  | { readonly type: 'deliver' }
  | { readonly type: 'comment' };

export type OrderActionType = OrderAction['type'];
export const ORDER_ACTION_TYPES: readonly OrderActionType[] = ['accept', 'refuse', 'cancel', 'deliver', 'comment'];

/** Why an action was refused: `forbidden` (not this actor's action), `invalid_state`, `deadline_passed` (the view at `now` is already cancelled by the clock), `already_commented`. */
export type OrderRefusalCode = 'forbidden' | 'invalid_state' | 'deadline_passed' | 'already_commented';

/** What changed, for the caller's events and messages. */
export type OrderChange = 'accepted' | 'refused' | 'cancelled' | 'delivered' | 'commented' | 'expired';

export type OrderDecision = { readonly ok: true; readonly order: OrderLifecycle; readonly change: OrderChange } | { readonly ok: false; readonly code: OrderRefusalCode; readonly reason: string };

/** A new order at `now`, to be accepted by `now + acceptMs`. */
export function newOrder(now: number, windows: OrderWindows = DEFAULT_ORDER_WINDOWS): OrderLifecycle {
  return { state: 'pending_acceptance', times: { requestedAt: now }, deadlines: { acceptBy: now + windows.acceptMs }, cancelReason: null, commented: false };
}

/** The deadline the order is waiting on at the moment, if any (for countdowns and the job). */
export function nextDeadline(order: OrderLifecycle): { readonly at: number; readonly kind: 'accept' | 'deliver' } | null {
  switch (order.state) {
    case 'pending_acceptance':
      return order.deadlines.acceptBy === undefined ? null : { at: order.deadlines.acceptBy, kind: 'accept' };
    case 'accepted':
      return order.deadlines.deliverBy === undefined ? null : { at: order.deadlines.deliverBy, kind: 'deliver' };
    case 'delivered':
    case 'cancelled':
      return null;
    default:
      return unreachable(order.state);
  }
}

/**
 * The order as it stands at `now`: a deadline reached (now ≥ the deadline) cancels it at the
 * deadline. `changed` says whether that happened, so the caller can write it (and release the hold).
 */
export function orderAt(order: OrderLifecycle, now: number): { readonly order: OrderLifecycle; readonly changed: boolean } {
  const due = nextDeadline(order);
  if (!due || now < due.at) return { order, changed: false };
  const kind: CancelKind = due.kind === 'accept' ? 'not_accepted_in_time' : 'not_delivered_in_time';
  return { order: { ...order, state: 'cancelled', times: { ...order.times, cancelledAt: due.at }, cancelReason: { kind } }, changed: true };
}

/** Which actor may take each action (before state and time are considered). */
export function mayAct(actor: OrderActor, action: OrderActionType): boolean {
  switch (action) {
    case 'accept':
    case 'refuse':
    case 'deliver':
      return actor === 'creator';
    case 'comment':
      return actor === 'requester';
    case 'cancel':
      return true;
    default:
      return unreachable(action);
  }
}

/**
 * Decides `action` by `actor` on the order as it stands at `now`. Cancelling: the requester while
 * the request waits for acceptance; the creator once accepted (before that, they refuse). Reasons
 * are expected already checked (`checkReason`); accepting sets deliverBy = now + windows.deliverMs.
 */
export function decide(stored: OrderLifecycle, actor: OrderActor, action: OrderAction, now: number, windows: OrderWindows = DEFAULT_ORDER_WINDOWS): OrderDecision {
  if (!mayAct(actor, action.type)) return refuse('forbidden', `Only the ${actor === 'creator' ? 'requester' : 'creator'} can ${action.type} this order`);
  const view = orderAt(stored, now);
  const order = view.order;
  if (view.changed) {
    return refuse(
      'deadline_passed',
      order.cancelReason?.kind === 'not_accepted_in_time' ? 'The 48-hour window to accept this request has passed' : 'The 168-hour window to send this video has passed',
    );
  }
  const { state } = order;
  switch (action.type) {
    case 'accept':
      if (state !== 'pending_acceptance') return refuse('invalid_state', stateReason(order, 'accepted'));
      return ok({ ...order, state: 'accepted', times: { ...order.times, acceptedAt: now }, deadlines: { ...order.deadlines, deliverBy: now + windows.deliverMs } }, 'accepted');
    case 'refuse':
      if (state !== 'pending_acceptance') return refuse('invalid_state', stateReason(order, 'refused'));
      return ok(cancel(order, now, { kind: 'refused_by_creator', text: action.reason }), 'refused');
    case 'cancel':
      if (actor === 'requester') {
        if (state !== 'pending_acceptance')
          return refuse('invalid_state', state === 'accepted' ? 'The creator has accepted this request; it can no longer be cancelled' : stateReason(order, 'cancelled'));
        return ok(cancel(order, now, { kind: 'cancelled_by_requester', text: action.reason }), 'cancelled');
      }
      if (state === 'pending_acceptance') return refuse('invalid_state', 'Refuse the request instead: it has not been accepted yet');
      if (state !== 'accepted') return refuse('invalid_state', stateReason(order, 'cancelled'));
      return ok(cancel(order, now, { kind: 'cancelled_by_creator', text: action.reason }), 'cancelled');
    case 'deliver':
      if (state !== 'accepted') return refuse('invalid_state', state === 'pending_acceptance' ? 'Accept the request before sending a video' : stateReason(order, 'delivered'));
      return ok({ ...order, state: 'delivered', times: { ...order.times, deliveredAt: now } }, 'delivered');
    case 'comment':
      if (state !== 'delivered') return refuse('invalid_state', 'You can comment once the video has been sent');
      if (order.commented) return refuse('already_commented', 'You have already commented on this video');
      return ok({ ...order, commented: true }, 'commented');
    default:
      return unreachable(action);
  }
}

function cancel(order: OrderLifecycle, now: number, reason: CancelReason): OrderLifecycle {
  return { ...order, state: 'cancelled', times: { ...order.times, cancelledAt: now }, cancelReason: reason };
}

function stateReason(order: OrderLifecycle, attempted: string): string {
  switch (order.state) {
    case 'pending_acceptance':
      return `This request is still waiting for acceptance and cannot be ${attempted}`;
    case 'accepted':
      return `This request is already accepted and cannot be ${attempted}`;
    case 'delivered':
      return `The video has already been sent; the order cannot be ${attempted}`;
    case 'cancelled':
      return `This order was cancelled (${CANCEL_LABELS[order.cancelReason?.kind ?? 'cancelled_by_requester']})`;
    default:
      return unreachable(order.state);
  }
}

function ok(order: OrderLifecycle, change: OrderChange): OrderDecision {
  return { ok: true, order, change };
}

function refuse(code: OrderRefusalCode, reason: string): OrderDecision {
  return { ok: false, code, reason };
}

function unreachable(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}
