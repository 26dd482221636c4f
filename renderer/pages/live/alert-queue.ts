/**
 * The gift alert queue over the live preview, as pure state: alerts wait in arrival order and one
 * shows at a time for ALERT_MS; the streamer may pause it (the alert on screen finishes, no next
 * one starts), skip the one on screen, and replay one already shown (it shows next). An alert id
 * is queued once, however often it is offered (a reconnect, the inbox reloaded). Time is a
 * parameter, never read here.
 */
export const ALERT_MS = 5000;
/** Shown alerts kept for replay. */
export const ALERT_HISTORY = 50;

export interface Alert {
  readonly id: string;
}

export interface AlertQueue<A extends Alert> {
  readonly waiting: readonly A[];
  readonly current: A | null;
  /** When the current alert started showing; null when none shows. */
  readonly shownAt: number | null;
  readonly paused: boolean;
  /** Shown (or skipped) alerts, newest first. */
  readonly shown: readonly A[];
}

export type AlertAction<A extends Alert> =
  | { readonly type: 'offer'; readonly alert: A }
  | { readonly type: 'tick' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'skip' }
  | { readonly type: 'replay'; readonly id: string };

export const emptyAlertQueue = <A extends Alert>(): AlertQueue<A> => ({ waiting: [], current: null, shownAt: null, paused: false, shown: [] });

/** When the current alert ends (the next `tick` is due); null when nothing is showing. */
export const alertEndsAt = (q: AlertQueue<Alert>): number | null => (q.shownAt === null ? null : q.shownAt + ALERT_MS);

export function reduceAlerts<A extends Alert>(q: AlertQueue<A>, action: AlertAction<A>, now: number): AlertQueue<A> {
  switch (action.type) {
    case 'offer': {
      const id = action.alert.id;
      if (q.current?.id === id || q.waiting.some((a) => a.id === id) || q.shown.some((a) => a.id === id)) return q;
      return advance({ ...q, waiting: [...q.waiting, action.alert] }, now);
    }
    case 'tick':
      return q.shownAt !== null && now >= q.shownAt + ALERT_MS ? advance(finish(q), now) : advance(q, now);
    case 'pause':
      return q.paused ? q : { ...q, paused: true };
    case 'resume':
      return q.paused ? advance({ ...q, paused: false }, now) : q;
    case 'skip':
      return q.current ? advance(finish(q), now) : q;
    case 'replay': {
      const again = q.shown.find((a) => a.id === action.id) ?? (q.current?.id === action.id ? q.current : null);
      if (!again || q.waiting[0]?.id === action.id) return q;
      // Replayed even while paused: the streamer asked for this one.
      const queued = { ...q, waiting: [again, ...q.waiting.filter((a) => a.id !== action.id)] };
      return q.current ? queued : show(queued, now);
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function finish<A extends Alert>(q: AlertQueue<A>): AlertQueue<A> {
  if (!q.current) return q;
  const current = q.current;
  return { ...q, current: null, shownAt: null, shown: [current, ...q.shown.filter((a) => a.id !== current.id)].slice(0, ALERT_HISTORY) };
}

function advance<A extends Alert>(q: AlertQueue<A>, now: number): AlertQueue<A> {
  return q.current || q.paused || q.waiting.length === 0 ? q : show(q, now);
}

function show<A extends Alert>(q: AlertQueue<A>, now: number): AlertQueue<A> {
  const [next, ...rest] = q.waiting;
  return next ? { ...q, current: next, shownAt: now, waiting: rest } : q;
}
