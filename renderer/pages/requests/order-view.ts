import type { Order } from '@shared/protocol/orders';

/** The creator's three progress nodes: "Request accepted", "In progress", "Complete". */
export const PROGRESS_NODES = ['accepted', 'inProgress', 'complete'] as const;
export type ProgressNode = (typeof PROGRESS_NODES)[number];

/** How many of the three nodes are reached: 0 while pending, 2 once accepted (recording is in progress), 3 when delivered. */
export function progressOf(order: Pick<Order, 'state'>): number {
  switch (order.state) {
    case 'pending_acceptance':
    case 'cancelled':
      return 0;
    case 'accepted':
      return 2;
    case 'delivered':
      return 3;
    default: {
      const exhaustive: never = order.state;
      return exhaustive;
    }
  }
}

/** The next deadline of an open order (accept by, then deliver by), or null. */
export function deadlineOf(order: Pick<Order, 'state' | 'deadlines'>): { readonly kind: 'accept' | 'deliver'; readonly at: number } | null {
  if (order.state === 'pending_acceptance' && order.deadlines.acceptBy !== undefined) return { kind: 'accept', at: order.deadlines.acceptBy };
  if (order.state === 'accepted' && order.deadlines.deliverBy !== undefined) return { kind: 'deliver', at: order.deadlines.deliverBy };
  return null;
}

/** 50 h 3 min 7 s → "2d 02:03:07"; a passed deadline is 0. Days are spelled by the caller's string table. */
export function countdownParts(ms: number): { readonly days: number; readonly clock: string } {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return { days, clock: `${two(h)}:${two(m)}:${two(s)}` };
}

/** The platform's cut on a delivered order: what the requester paid less what the creator got. */
export function cutOf(order: Pick<Order, 'priceCoins' | 'creatorDiamonds'>): number | null {
  return order.creatorDiamonds === null ? null : order.priceCoins - order.creatorDiamonds;
}
