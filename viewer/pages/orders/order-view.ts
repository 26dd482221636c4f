import { nextDeadline } from '@shared/domain/orders/lifecycle';
import type { CreatorPage, Order } from '@shared/protocol/orders';

/**
 * What the viewer's order pages show, from an order as the platform answers it: the three progress
 * nodes, the deadline being counted down, whether Cancel is offered and why ordering is refused.
 */
export const PROGRESS_NODES = ['accepted', 'waiting', 'received'] as const;
export type ProgressNode = (typeof PROGRESS_NODES)[number];

/** How many of the three nodes are reached (a cancelled order shows its reason instead: null). */
export function progressReached(order: Pick<Order, 'state'>): number | null {
  switch (order.state) {
    case 'pending_acceptance':
      return 0;
    case 'accepted':
      // Accepted, and now waiting for the video.
      return 2;
    case 'delivered':
      return 3;
    case 'cancelled':
      return null;
    default: {
      const never: never = order.state;
      return never;
    }
  }
}

/** The deadline being waited on and the time left at `now` (never negative). */
export function countdown(order: Pick<Order, 'state' | 'deadlines' | 'times' | 'cancelReason' | 'commented'>, now: number): { readonly kind: 'accept' | 'deliver'; readonly leftMs: number } | null {
  const due = nextDeadline(order);
  return due ? { kind: due.kind, leftMs: Math.max(0, due.at - now) } : null;
}

/** A duration as whole days and the rest of the day (hours, minutes, seconds), for a countdown that ticks each second. */
export function splitDuration(ms: number): { readonly days: number; readonly hours: number; readonly minutes: number; readonly seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { days: Math.floor(total / 86_400), hours: Math.floor((total % 86_400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** The requester may cancel only while the creator has not accepted. */
export const mayCancel = (order: Pick<Order, 'state'>): boolean => order.state === 'pending_acceptance';
/** Comment once, after delivery. */
export const mayComment = (order: Pick<Order, 'state' | 'commented'>): boolean => order.state === 'delivered' && !order.commented;

export type NotOrderable = 'not_published' | 'exited' | 'not_receiving' | 'own_service' | 'full' | 'signed_out';

/**
 * Why "Request a video" is disabled, as a key the page translates, or null. The platform's
 * sentence (`notOrderableReason`) decides; the service's state says which one it is, and a refusal
 * that state does not explain is the cap on open orders.
 */
export function notOrderable(page: Pick<CreatorPage, 'creator' | 'customization' | 'notOrderableReason'>, viewerHandle: string | null): NotOrderable | null {
  const service = page.customization;
  if (!service || service.state === 'never' || service.state === 'draft') return 'not_published';
  if (service.state === 'exited') return 'exited';
  if (viewerHandle === page.creator.handle) return 'own_service';
  if (!service.receiving) return 'not_receiving';
  if (viewerHandle === null) return 'signed_out';
  return page.notOrderableReason === null ? null : 'full';
}

/** A `customization.updated` event's data concerns this creator's page. */
export function isCustomizationFor(data: Readonly<Record<string, unknown>>, handle: string, creatorId: string | null): boolean {
  return data.handle === handle || (creatorId !== null && data.creatorId === creatorId);
}
