import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '@shared/domain/orders/lifecycle';
import type { CreatorPage, Order } from '@shared/protocol/orders';
import { countdown, splitDuration, isCustomizationFor, mayCancel, mayComment, notOrderable, progressReached } from './order-view';

const T0 = 1_800_000_000_000;
type Life = Pick<Order, 'state' | 'deadlines' | 'times' | 'cancelReason' | 'commented'>;
const pending: Life = { state: 'pending_acceptance', times: { requestedAt: T0 }, deadlines: { acceptBy: T0 + 48 * HOUR_MS }, cancelReason: null, commented: false };
const accepted: Life = { ...pending, state: 'accepted', times: { requestedAt: T0, acceptedAt: T0 + HOUR_MS }, deadlines: { acceptBy: T0 + 48 * HOUR_MS, deliverBy: T0 + 169 * HOUR_MS } };
const delivered: Life = { ...accepted, state: 'delivered', times: { ...accepted.times, deliveredAt: T0 + 2 * HOUR_MS } };
const cancelled: Life = { ...pending, state: 'cancelled', times: { requestedAt: T0, cancelledAt: T0 + 5 }, cancelReason: { kind: 'cancelled_by_requester', text: 'I ordered by mistake' } };

describe('order detail', () => {
  it('lights the three nodes as the order moves; a cancelled order has none (it shows its reason)', () => {
    expect([pending, accepted, delivered, cancelled].map(progressReached)).toEqual([0, 2, 3, null]);
  });

  it('counts down to the deadline the order waits on, never below zero', () => {
    expect(countdown(pending, T0 + HOUR_MS)).toEqual({ kind: 'accept', leftMs: 47 * HOUR_MS });
    expect(countdown(accepted, T0 + 9 * HOUR_MS)).toEqual({ kind: 'deliver', leftMs: 160 * HOUR_MS });
    expect(countdown(pending, T0 + 49 * HOUR_MS)).toEqual({ kind: 'accept', leftMs: 0 });
    expect(countdown(delivered, T0)).toBeNull();
    expect(countdown(cancelled, T0)).toBeNull();
  });

  it('splits a duration into days and the clock of the rest, never negative', () => {
    expect(splitDuration(47 * HOUR_MS + 59 * 60_000 + 30_999)).toEqual({ days: 1, hours: 23, minutes: 59, seconds: 30 });
    expect(splitDuration(61_500)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 1 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('offers Cancel only while pending and Comment only once after delivery', () => {
    expect([pending, accepted, delivered, cancelled].map(mayCancel)).toEqual([true, false, false, false]);
    expect([pending, accepted, delivered, cancelled].map(mayComment)).toEqual([false, false, true, false]);
    expect(mayComment({ ...delivered, commented: true })).toBe(false);
  });
});

describe('ordering from a creator', () => {
  const page = (customization: Partial<NonNullable<CreatorPage['customization']>> | null, notOrderableReason: string | null = null) => ({
    creator: { id: 'usr_kim', handle: 'kim', displayName: 'Kim' },
    customization: customization && { priceCoins: 100, description: 'Songs', receiving: true, state: 'published' as const, introPath: null, ...customization },
    notOrderableReason,
  });
  it('says why "Request a video" is disabled', () => {
    expect(notOrderable(page({}), 'ana')).toBeNull();
    expect(notOrderable(page(null, 'This creator does not offer custom videos'), 'ana')).toBe('not_published');
    expect(notOrderable(page({ state: 'exited' }, 'x'), 'ana')).toBe('exited');
    expect(notOrderable(page({ receiving: false }, 'x'), 'ana')).toBe('not_receiving');
    expect(notOrderable(page({}, 'You cannot order a video from yourself'), 'kim')).toBe('own_service');
    expect(notOrderable(page({}), null)).toBe('signed_out');
    expect(notOrderable(page({}, 'This creator has as many open requests as they take; try again later'), 'ana')).toBe('full');
  });

  it('matches a customization.updated event to the creator by handle or id', () => {
    expect(isCustomizationFor({ handle: 'kim', creatorId: 'usr_kim' }, 'kim', null)).toBe(true);
    expect(isCustomizationFor({ handle: 'other', creatorId: 'usr_kim' }, 'kim', 'usr_kim')).toBe(true);
    expect(isCustomizationFor({ handle: 'lee', creatorId: 'usr_lee' }, 'kim', 'usr_kim')).toBe(false);
  });
});
