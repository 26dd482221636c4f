import { describe, expect, it } from 'vitest';
import { alertCardLayout, clockAgeMs, clockLayout, CLOCK_BITS, CLOCK_MODULO, decodeClock, toOutput } from './stream-layout';

describe('stream overlay layout', () => {
  it('puts the alert card centred at the top, inside the frame, clear of the lower two thirds', () => {
    for (const [w, h] of [
      [640, 480],
      [1280, 720],
      [720, 1280],
      [1920, 1080],
    ] as const) {
      const { card, band } = alertCardLayout(w, h);
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(w);
      expect(Math.abs(card.x + card.width / 2 - w / 2)).toBeLessThanOrEqual(1);
      expect(card.y + card.height).toBeLessThan(h / 3);
      expect(band).toMatchObject({ x: card.x, y: card.y, width: card.width });
      expect(band.height).toBeGreaterThanOrEqual(4);
    }
    // The 640×480 fake webcam's lips (y ≈ 200–260) stay uncovered.
    const { card } = alertCardLayout(640, 480);
    expect(card.y + card.height).toBeLessThan(200);
    expect(() => alertCardLayout(0, 480)).toThrow(RangeError);
  });

  it('encodes the clock in blocks that fit the frame and decodes it back, across the wrap', () => {
    const { blocks } = clockLayout(640, 480);
    expect(blocks).toHaveLength(CLOCK_BITS);
    for (const b of blocks) {
      expect(b.x + b.width).toBeLessThanOrEqual(640);
      expect(b.y + b.height).toBeLessThanOrEqual(480);
      expect(b.width).toBeGreaterThanOrEqual(16);
    }
    const now = 1_790_000_123_456;
    const value = now % CLOCK_MODULO;
    const bits = Array.from({ length: CLOCK_BITS }, (_, k) => Math.floor(value / 2 ** k) % 2 === 1);
    expect(decodeClock(bits)).toBe(value);
    expect(clockAgeMs(value, now + 1234)).toBe(1234);
    // Drawn just before the modulo wrapped, read just after.
    expect(clockAgeMs(CLOCK_MODULO - 100, CLOCK_MODULO * 7 + 50)).toBe(150);
  });

  it('maps studio frame points into the encoder’s padded output', () => {
    const map = toOutput({ width: 640, height: 480 }, { width: 1280, height: 720 });
    expect(map(0, 0)).toEqual([160, 0]);
    expect(map(640, 480)).toEqual([1120, 720]);
    expect(toOutput({ width: 1280, height: 720 }, { width: 720, height: 1280 })(0, 0)).toEqual([0, 437.5]);
  });
});
