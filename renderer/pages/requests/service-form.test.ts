import { expect, test } from 'vitest';
import { checkPrice } from './service-form';

test('the price is a whole number of coins from 1 to 100,000', () => {
  expect(checkPrice('1')).toBeNull();
  expect(checkPrice(' 120 ')).toBeNull();
  expect(checkPrice('100000')).toBeNull();
  expect(checkPrice('0')).toBe('outOfRange');
  expect(checkPrice('100001')).toBe('outOfRange');
  expect(checkPrice('-5')).toBe('notWhole');
  expect(checkPrice('12.5')).toBe('notWhole');
  expect(checkPrice('')).toBe('notWhole');
  expect(checkPrice('1e3')).toBe('notWhole');
});
