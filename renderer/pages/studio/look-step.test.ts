import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '@shared/catalog/schema';
import { stepItem, stepShade } from './look-step';

const item = (id: string, shades: string[]): CatalogItem => ({ id, attributes: shades.map((s) => ({ id: s })) }) as unknown as CatalogItem;

describe('look stepping (←/→, open mouth, raised brows)', () => {
  it('steps shades both ways, wrapping, and starts at the first from none', () => {
    const lips = item('lips', ['a', 'b', 'c']);
    expect(stepShade(lips, 'a', 1)).toBe('b');
    expect(stepShade(lips, 'c', 1)).toBe('a');
    expect(stepShade(lips, 'a', -1)).toBe('c');
    expect(stepShade(lips, null, 1)).toBe('a');
    expect(stepShade(item('empty', []), null, 1)).toBeNull();
  });

  it('steps items, wrapping, from no item to the first', () => {
    const items = [item('x', ['1']), item('y', ['2'])];
    expect(stepItem(items, 'x', 1)?.id).toBe('y');
    expect(stepItem(items, 'y', 1)?.id).toBe('x');
    expect(stepItem(items, null, 1)?.id).toBe('x');
    expect(stepItem([], null, 1)).toBeNull();
  });
});
