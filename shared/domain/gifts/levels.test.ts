import { describe, expect, test } from 'vitest';
import { accountLevel, LEVEL_THRESHOLDS, rankBoard } from './levels';
import { decayedPopularity, popularityDay, popularityPoints } from './popularity';
import { claim, receipt, sendingState } from './sending-state';

describe('levels and medals', () => {
  test('levels from lifetime feeding value, with the next step', () => {
    expect(accountLevel(0)).toEqual({ level: 1, nextAt: 50 });
    expect(accountLevel(49)).toEqual({ level: 1, nextAt: 50 });
    expect(accountLevel(50)).toEqual({ level: 2, nextAt: 150 });
    expect(accountLevel(LEVEL_THRESHOLDS.at(-1)!)).toEqual({ level: LEVEL_THRESHOLDS.length, nextAt: null });
    expect(() => accountLevel(-1)).toThrow(RangeError);
  });

  test('medals go to the top three by feeding value, then gift count, then who came first', () => {
    const board = rankBoard([
      { viewerId: 'a', feedingValue: 36, giftCount: 1, firstAt: 5 },
      { viewerId: 'b', feedingValue: 99, giftCount: 3, firstAt: 9 },
      { viewerId: 'c', feedingValue: 36, giftCount: 2, firstAt: 7 },
      { viewerId: 'd', feedingValue: 36, giftCount: 2, firstAt: 6 },
      { viewerId: 'e', feedingValue: 0, giftCount: 5, firstAt: 1 },
    ]);
    expect(board.map((r) => [r.row.viewerId, r.rank, r.medal])).toEqual([
      ['b', 1, 'feeding_star'],
      ['d', 2, 'feeding_energy_hand'],
      ['c', 3, 'little_feeding_helper'],
      ['a', 4, null],
      ['e', 5, null],
    ]);
    expect(rankBoard([{ viewerId: 'e', feedingValue: 0, giftCount: 5, firstAt: 1 }])[0]!.medal).toBeNull();
  });
});

describe('popularity', () => {
  test('100 points per diamond, decaying by 0.8 per full UTC day, gone after 30 days', () => {
    expect(popularityPoints(36)).toBe(3600);
    const today = popularityDay(Date.UTC(2026, 11, 3, 23, 59));
    expect(today).toBe(popularityDay(Date.UTC(2026, 11, 3)));
    expect(decayedPopularity([{ day: today, points: 3600 }], today)).toBe(3600);
    expect(decayedPopularity([{ day: today - 1, points: 3600 }], today)).toBe(2880);
    expect(
      decayedPopularity(
        [
          { day: today - 2, points: 1000 },
          { day: today, points: 100 },
        ],
        today,
      ),
    ).toBe(740);
    expect(decayedPopularity([{ day: today - 30, points: 1_000_000 }], today)).toBe(0);
    expect(decayedPopularity([{ day: today + 1, points: 1000 }], today)).toBe(0);
  });
});

describe('sending state', () => {
  test('receipts only move forward; repeats are harmless', () => {
    expect(receipt('sent', 'delivered')).toEqual({ ok: true, state: 'delivered', changed: true });
    expect(receipt('seen', 'delivered')).toEqual({ ok: true, state: 'seen', changed: false });
    expect(receipt('converted', 'seen')).toEqual({ ok: true, state: 'converted', changed: false });
  });

  test('unlock and convert exclude each other; free gifts cannot be claimed', () => {
    expect(claim('seen', 'unlock', false)).toEqual({ ok: true, state: 'unlocked', changed: true });
    expect(claim('sent', 'convert', false)).toEqual({ ok: true, state: 'converted', changed: true });
    expect(claim('unlocked', 'convert', false).ok).toBe(false);
    expect(claim('converted', 'convert', false).ok).toBe(false);
    expect(claim('sent', 'unlock', true).ok).toBe(false);
    expect(sendingState('converted', true)).toBe('thanked');
    expect(sendingState('delivered', false)).toBe('delivered');
  });
});
