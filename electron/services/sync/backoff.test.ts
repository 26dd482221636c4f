import { expect, test } from 'vitest';
import { backoffDelay } from './backoff';

const policy = { baseMs: 100, maxMs: 1000 };

test('the ceiling doubles per attempt and stops at maxMs', () => {
  expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
});

test('jitter spreads each delay over the upper half of its ceiling', () => {
  expect(backoffDelay(3, policy, () => 0)).toBe(200);
  expect(backoffDelay(3, policy, () => 0.5)).toBe(300);
  const seen = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(4, policy, () => i / 50)));
  expect(Math.min(...seen)).toBe(400);
  expect(Math.max(...seen)).toBeLessThanOrEqual(800);
  expect(seen.size).toBeGreaterThan(40);
});

test('huge attempt counts do not overflow', () => {
  expect(backoffDelay(10_000, policy, () => 1)).toBe(1000);
});
