import { describe, expect, test } from 'vitest';
import { countdownParts, cutOf, deadlineOf, progressOf } from './order-view';

describe('order view rules', () => {
  test('progress: nothing while pending or cancelled, two nodes once accepted, all three when delivered', () => {
    expect(progressOf({ state: 'pending_acceptance' })).toBe(0);
    expect(progressOf({ state: 'cancelled' })).toBe(0);
    expect(progressOf({ state: 'accepted' })).toBe(2);
    expect(progressOf({ state: 'delivered' })).toBe(3);
  });

  test('the next deadline follows the state', () => {
    const deadlines = { acceptBy: 100, deliverBy: 200 };
    expect(deadlineOf({ state: 'pending_acceptance', deadlines })).toEqual({ kind: 'accept', at: 100 });
    expect(deadlineOf({ state: 'accepted', deadlines })).toEqual({ kind: 'deliver', at: 200 });
    expect(deadlineOf({ state: 'accepted', deadlines: {} })).toBeNull();
    expect(deadlineOf({ state: 'delivered', deadlines })).toBeNull();
    expect(deadlineOf({ state: 'cancelled', deadlines })).toBeNull();
  });

  test('countdown: days and a clock, never negative', () => {
    expect(countdownParts((50 * 3600 + 3 * 60 + 7) * 1000)).toEqual({ days: 2, clock: '02:03:07' });
    expect(countdownParts(59_999)).toEqual({ days: 0, clock: '00:00:59' });
    expect(countdownParts(-5000)).toEqual({ days: 0, clock: '00:00:00' });
  });

  test('the cut is the price less the diamonds, unknown for the requester', () => {
    expect(cutOf({ priceCoins: 150, creatorDiamonds: 113 })).toBe(37);
    expect(cutOf({ priceCoins: 150, creatorDiamonds: null })).toBeNull();
  });
});
