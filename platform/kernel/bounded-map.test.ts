import { expect, test } from 'vitest';
import { keepNewest, touch } from './bounded-map';

test('keepNewest drops the entry put or used longest ago once past the bound', () => {
  const map = new Map<string, number>();
  keepNewest(map, 'a', 1, 2);
  keepNewest(map, 'b', 2, 2);
  touch(map, 'a', 1);
  keepNewest(map, 'c', 3, 2);
  expect([...map]).toEqual([
    ['a', 1],
    ['c', 3],
  ]);
  keepNewest(map, 'a', 10, 2);
  expect([...map]).toEqual([
    ['c', 3],
    ['a', 10],
  ]);
});
