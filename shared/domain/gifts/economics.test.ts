import { describe, expect, test } from 'vitest';
import { autoConvertAt, checkFreeGiftAllowance, checkGiftPrices, checkMessage, convertSplit, feedingValue, isAutoConvertDue, AUTO_CONVERT_AFTER_MS } from './economics';

describe('gift economics', () => {
  test('converting: 36 → 27 diamonds, the platform keeps 9 (default 25 %); odd values round for the streamer', () => {
    expect(convertSplit(36)).toEqual({ diamonds: 27, platformCut: 9 });
    expect(convertSplit(10)).toEqual({ diamonds: 8, platformCut: 2 });
    expect(convertSplit(1)).toEqual({ diamonds: 1, platformCut: 0 });
    expect(convertSplit(36, 5_000)).toEqual({ diamonds: 18, platformCut: 18 });
    expect(() => convertSplit(0)).toThrow(RangeError);
  });

  test('auto-convert after 72 h by default, configurable, due at the instant itself', () => {
    const sent = Date.UTC(2026, 11, 1, 8, 30);
    expect(AUTO_CONVERT_AFTER_MS).toBe(72 * 3_600_000);
    expect(autoConvertAt(sent)).toBe(sent + 72 * 3_600_000);
    expect(isAutoConvertDue(sent, sent + 72 * 3_600_000 - 1)).toBe(false);
    expect(isAutoConvertDue(sent, sent + 72 * 3_600_000)).toBe(true);
    expect(isAutoConvertDue(sent, sent + 60_000, 60_000)).toBe(true);
    expect(() => autoConvertAt(sent, 0)).toThrow(RangeError);
  });

  test('messages up to 140 characters, counted as characters not UTF-16 units', () => {
    expect(checkMessage('a'.repeat(140))).toEqual({ ok: true });
    expect(checkMessage('a'.repeat(141)).ok).toBe(false);
    expect(checkMessage('🌸'.repeat(140))).toEqual({ ok: true });
  });

  test('free gift allowance, feeding value and catalog prices', () => {
    expect(checkFreeGiftAllowance(9)).toEqual({ ok: true });
    expect(checkFreeGiftAllowance(10).ok).toBe(false);
    expect(checkFreeGiftAllowance(2, 2).ok).toBe(false);
    expect(feedingValue(36)).toBe(36);
    expect(checkGiftPrices(0, 0)).toEqual({ ok: true });
    expect(checkGiftPrices(36, 36)).toEqual({ ok: true });
    expect(checkGiftPrices(36, 27).ok).toBe(false);
    expect(checkGiftPrices(-1, -1).ok).toBe(false);
  });
});
