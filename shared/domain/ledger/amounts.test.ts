import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkTopUpCoins, DEFAULT_CUT_BPS, exchangeSplit, isAmount } from './amounts';

describe('exchangeSplit', () => {
  test('a 36-coin gift at the default 25 % cut is 27 diamonds and 9 coins for the platform', () => {
    expect(DEFAULT_CUT_BPS).toBe(2500);
    expect(exchangeSplit(36)).toEqual({ earner: 27, platform: 9 });
  });

  test('the cut rounds down, in the earner’s favour', () => {
    expect(exchangeSplit(10, 2500)).toEqual({ earner: 8, platform: 2 });
    expect(exchangeSplit(1, 2500)).toEqual({ earner: 1, platform: 0 });
    expect(exchangeSplit(7, 0)).toEqual({ earner: 7, platform: 0 });
    expect(exchangeSplit(7, 10_000)).toEqual({ earner: 0, platform: 7 });
  });

  test('the parts always add up to the price and the platform never takes more than its cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (price, cut) => {
        const { earner, platform } = exchangeSplit(price, cut);
        expect(earner + platform).toBe(price);
        expect(earner).toBeGreaterThanOrEqual(0);
        expect(platform).toBeGreaterThanOrEqual(0);
        expect(platform * 10_000).toBeLessThanOrEqual(price * cut);
        expect((platform + 1) * 10_000).toBeGreaterThan(price * cut);
      }),
    );
  });

  test('refuses fractional or non-positive prices and cuts outside 0..100 %', () => {
    expect(() => exchangeSplit(0)).toThrow(RangeError);
    expect(() => exchangeSplit(1.5)).toThrow(RangeError);
    expect(() => exchangeSplit(10, 10_001)).toThrow(RangeError);
    expect(() => exchangeSplit(10, -1)).toThrow(RangeError);
  });
});

test('amounts are positive safe integers', () => {
  expect([1, 2 ** 53 - 1].every(isAmount)).toBe(true);
  expect([0, -1, 0.5, 2 ** 53, Number.NaN, '3'].some(isAmount)).toBe(false);
});

test('a top-up is 1 to 1,000,000 whole coins', () => {
  expect(checkTopUpCoins(1)).toEqual({ ok: true });
  expect(checkTopUpCoins(1_000_000)).toEqual({ ok: true });
  for (const bad of [0, 1_000_001, 2.5, -3]) expect(checkTopUpCoins(bad).ok).toBe(false);
});
