import { describe, expect, it } from 'vitest';
import { parseCoins, sourceKind } from './wallet-view';

describe('wallet view', () => {
  it('accepts a whole number of coins in the top-up range only', () => {
    expect(parseCoins(' 42 ')).toBe(42);
    expect(parseCoins('1000000')).toBe(1_000_000);
    for (const bad of ['0', '1000001', '1.5', '-3', '1e3', '', 'abc']) expect(parseCoins(bad), bad).toBeNull();
  });

  it('names an entry by its source', () => {
    expect(sourceKind('top_up:tu_1')).toBe('top_up');
    expect(sourceKind('order:ord_1')).toBe('order');
    expect(sourceKind('gift:g_1')).toBe('gift');
    expect(sourceKind('something-new')).toBe('other');
  });
});
