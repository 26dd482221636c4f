import { describe, expect, it } from 'vitest';
import { lookKey, withLayer } from './look';
import { CatalogItem } from '../../protocol/catalog';
import { anchorLook, wornShade } from './anchor-look';

const lipstick = (id: string) =>
  CatalogItem.parse({
    id,
    name: id,
    brand: 'B',
    kind: 'lipstick',
    materialType: 'sticker2d',
    bodyArea: 'lips',
    attributes: ['red', 'nude'].map((s) => ({ id: s, label: s, swatch: '#aa0000', colour: '#aa0000', opacity: 0.8, finish: 'matte' })),
  });
const glasses = CatalogItem.parse({
  id: 'round-frames',
  name: 'Round',
  brand: 'B',
  kind: 'glasses',
  materialType: 'model3d',
  bodyArea: 'face',
  model: 'accessories/glasses-round.glb',
  attributes: [{ id: 'gold', label: 'Gold', swatch: '#ccaa00', colour: '#ccaa00' }],
});

describe('anchorLook', () => {
  it('wears every linked item, the anchor’s shade on its own item and the first shade on the others', () => {
    const { look, offered } = anchorLook([lipstick('rouge'), glasses], 'nude');
    expect(lookKey(look)).toBe('rouge/nude+round-frames/gold');
    expect(offered).toEqual([]);
  });

  it('a second item on a body area already worn is offered, not layered over the first', () => {
    const { look, offered } = anchorLook([lipstick('rouge'), lipstick('gloss'), glasses], null);
    expect(lookKey(look)).toBe('rouge/red+round-frames/gold');
    expect(offered.map((i) => i.id)).toEqual(['gloss']);
  });

  it('an unknown shade falls back to the first; wornShade reads the worn attribute', () => {
    const { look } = anchorLook([lipstick('rouge')], 'no-such-shade');
    expect(wornShade(look, lipstick('rouge'))).toBe('red');
    expect(wornShade(withLayer(look, lipstick('gloss'), 'nude'), lipstick('rouge'))).toBeNull();
  });
});
