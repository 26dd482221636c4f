import { expect, test } from 'vitest';
import { studioLookFromQuery, studioPathFor } from './studio-path';

test('a Studio URL carries the item, its shade and a look’s other items, and reads them back bounded and without repeats', () => {
  const path = studioPathFor('velvet-rouge-lipstick', 'brick', ['round-frames', 'knit-beanie']);
  expect(path).toBe('/studio?item=velvet-rouge-lipstick&attribute=brick&with=round-frames%2Cknit-beanie');
  expect(studioLookFromQuery(path.slice(path.indexOf('?')))).toEqual({ itemId: 'velvet-rouge-lipstick', attributeId: 'brick', withItemIds: ['round-frames', 'knit-beanie'] });
  expect(studioLookFromQuery('?item=a')).toEqual({ itemId: 'a', attributeId: null, withItemIds: [] });
  expect(studioLookFromQuery('?item=a&with=a,b,b,,c,d,e,f')).toEqual({ itemId: 'a', attributeId: null, withItemIds: ['b', 'c', 'd', 'e'] });
  expect(studioLookFromQuery('?with=b')).toBeNull();
});
