import { describe, expect, test } from 'vitest';
import { checkLetters, CODE_RANDOM_DIGITS, digitsFromBytes, formatCode, parseCode } from './codes';

const DIGITS = '6799900909314159265358979';

describe('redemption codes', () => {
  test('shape: prefix, five groups of five digits, three check letters; ≥ 80 bits of randomness', () => {
    const code = formatCode('FD', DIGITS);
    expect(code).toMatch(/^FD( [0-9]{5}){5} [A-Z]{3}$/);
    expect(CODE_RANDOM_DIGITS * Math.log2(10)).toBeGreaterThanOrEqual(80);
    expect(parseCode(code)).toEqual({ ok: true, normalised: code.replaceAll(' ', ''), prefix: 'FD' });
  });

  test('typed loosely (lower case, dashes, no spaces) it still reads', () => {
    const code = formatCode('FD', DIGITS);
    expect(parseCode(code.toLowerCase().replaceAll(' ', '-'))).toMatchObject({ ok: true, normalised: code.replaceAll(' ', '') });
  });

  test('every single wrong digit and every swap of neighbouring digits is caught', () => {
    const check = checkLetters('FD', DIGITS);
    for (let i = 0; i < DIGITS.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === DIGITS[i]) continue;
        const typo = DIGITS.slice(0, i) + String(d) + DIGITS.slice(i + 1);
        expect(parseCode(`FD${typo}${check}`).ok).toBe(false);
      }
      if (i + 1 < DIGITS.length && DIGITS[i] !== DIGITS[i + 1]) {
        const swapped = DIGITS.slice(0, i) + DIGITS[i + 1] + DIGITS[i] + DIGITS.slice(i + 2);
        expect(parseCode(`FD${swapped}${check}`).ok).toBe(false);
      }
    }
    expect(parseCode(`FE${DIGITS}${check}`).ok).toBe(false);
  });

  test('wrong shapes are refused with a sentence', () => {
    for (const bad of ['', 'FD 6799900909 GRT', `F1${DIGITS}ABC`, `FD${DIGITS}AB`, 'x'.repeat(200)]) {
      const parsed = parseCode(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(10);
    }
    expect(() => formatCode('FD', '123')).toThrow(RangeError);
    expect(() => checkLetters('fd', '1')).toThrow(RangeError);
  });

  test('digits from bytes skip the biased top of the byte range', () => {
    expect(digitsFromBytes(Uint8Array.from([0, 9, 250, 255, 19, 249]), 4)).toBe('0999');
    expect(digitsFromBytes(Uint8Array.from([251, 252]), 1)).toBeNull();
  });
});
