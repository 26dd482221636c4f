import { describe, expect, it } from 'vitest';
import shipped from '../../resources/catalog/catalog.json';
import { Catalog, CatalogItem } from './schema';

const lipstick = {
  id: 'test-lipstick',
  name: 'Test Lipstick',
  brand: 'Test',
  kind: 'lipstick',
  materialType: 'sticker2d',
  bodyArea: 'lips',
  attributes: [{ id: 'red', label: 'Red', swatch: '#ff0000', colour: '#ff0000', opacity: 0.8, finish: 'matte' }],
};

describe('catalog schema', () => {
  it('accepts the shipped catalog with the promised assortment', () => {
    const catalog = Catalog.parse(shipped);
    const byKind = (kind: string) => catalog.items.filter((item) => item.kind === kind);
    expect(byKind('lipstick')).toHaveLength(3);
    for (const item of byKind('lipstick')) expect(item.attributes).toHaveLength(4);
    const finishes = new Set(byKind('lipstick').flatMap((item) => item.attributes.map((a) => ('finish' in a ? a.finish : null))));
    expect(finishes).toContain('matte');
    expect(finishes).toContain('gloss');
    expect(byKind('eyeshadow')[0]?.attributes).toHaveLength(3);
    expect(byKind('blush')[0]?.attributes).toHaveLength(3);
    expect(byKind('hat')).toHaveLength(2);
    expect(byKind('glasses')).toHaveLength(2);
    for (const item of [...byKind('hat'), ...byKind('glasses')]) expect(item.attributes).toHaveLength(3);
  });

  it('fills model attribute defaults', () => {
    const hat = CatalogItem.parse({
      id: 'test-hat',
      name: 'Hat',
      brand: 'B',
      kind: 'hat',
      materialType: 'model3d',
      bodyArea: 'head',
      model: 'accessories/hat-x.glb',
      attributes: [{ id: 'black', label: 'Black', swatch: '#000000', colour: '#000000' }],
    });
    expect(hat.attributes[0]).toMatchObject({ metalness: 0, roughness: 0.6 });
  });

  it('refuses a kind worn on the wrong body area', () => {
    const result = CatalogItem.safeParse({ ...lipstick, bodyArea: 'cheeks' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/lipstick is worn on the lips/);
  });

  it('refuses duplicate ids, bad colours, a 2D finish that does not exist and a model outside accessories/', () => {
    expect(CatalogItem.safeParse({ ...lipstick, attributes: [lipstick.attributes[0], lipstick.attributes[0]] }).success).toBe(false);
    expect(Catalog.safeParse({ version: 1, items: [lipstick, lipstick] }).success).toBe(false);
    expect(CatalogItem.safeParse({ ...lipstick, attributes: [{ ...lipstick.attributes[0], colour: 'red' }] }).success).toBe(false);
    expect(CatalogItem.safeParse({ ...lipstick, attributes: [{ ...lipstick.attributes[0], finish: 'chrome' }] }).success).toBe(false);
    expect(
      CatalogItem.safeParse({
        id: 'test-hat',
        name: 'Hat',
        brand: 'B',
        kind: 'hat',
        materialType: 'model3d',
        bodyArea: 'head',
        model: '../../etc/passwd',
        attributes: [{ id: 'black', label: 'Black', swatch: '#000000', colour: '#000000' }],
      }).success,
    ).toBe(false);
  });

  it('refuses an empty catalog and an unknown version', () => {
    expect(Catalog.safeParse({ version: 1, items: [] }).success).toBe(false);
    expect(Catalog.safeParse({ version: 2, items: [lipstick] }).success).toBe(false);
  });
});
