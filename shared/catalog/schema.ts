import { z } from 'zod';

/** Branded so an attribute id is never passed where an item id is expected. */
export const CatalogItemId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'an item id is lower-case letters, digits and dashes')
  .brand<'CatalogItemId'>();
export type CatalogItemId = z.output<typeof CatalogItemId>;

export const AttributeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/, 'an attribute id is lower-case letters, digits and dashes')
  .brand<'AttributeId'>();
export type AttributeId = z.output<typeof AttributeId>;

export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
export type HexColour = z.output<typeof HexColour>;

export const ItemKind = z.enum(['lipstick', 'eyeshadow', 'blush', 'hat', 'glasses']);
export type ItemKind = z.output<typeof ItemKind>;

export const BodyArea = z.enum(['lips', 'eyes', 'cheeks', 'head', 'face']);
export type BodyArea = z.output<typeof BodyArea>;

export const Finish = z.enum(['matte', 'satin', 'gloss', 'shimmer']);
export type Finish = z.output<typeof Finish>;

const attributeBase = {
  id: AttributeId,
  label: z.string().min(1).max(60),
  /** What the swatch button shows. */
  swatch: HexColour,
};

export const StickerAttribute = z.object({
  ...attributeBase,
  colour: HexColour,
  opacity: z.number().min(0.05).max(1),
  finish: Finish,
});
export type StickerAttribute = z.output<typeof StickerAttribute>;

export const ModelAttribute = z.object({
  ...attributeBase,
  /** Base colour applied to the model's materials whose name starts with `tint` (material parameters). */
  colour: HexColour,
  metalness: z.number().min(0).max(1).default(0),
  roughness: z.number().min(0).max(1).default(0.6),
});
export type ModelAttribute = z.output<typeof ModelAttribute>;

const itemBase = {
  id: CatalogItemId,
  name: z.string().min(1).max(80),
  brand: z.string().min(1).max(60),
};

export const StickerItem = z.object({
  ...itemBase,
  kind: z.enum(['lipstick', 'eyeshadow', 'blush']),
  materialType: z.literal('sticker2d'),
  bodyArea: z.enum(['lips', 'eyes', 'cheeks']),
  attributes: z.array(StickerAttribute).min(1).max(24),
});
export type StickerItem = z.output<typeof StickerItem>;

export const ModelItem = z.object({
  ...itemBase,
  kind: z.enum(['hat', 'glasses']),
  materialType: z.literal('model3d'),
  bodyArea: z.enum(['head', 'face']),
  /** A glTF 2.0 binary under resources/, e.g. `accessories/hat-fedora.glb`, modelled in canonical-face centimetres. */
  model: z.string().regex(/^accessories\/[a-z0-9-]+\.glb$/, 'a model is accessories/<name>.glb'),
  attributes: z.array(ModelAttribute).min(1).max(24),
});
export type ModelItem = z.output<typeof ModelItem>;

/** Where each kind is worn: a lipstick on the cheeks is a data error, not a style choice. */
export const AREA_OF_KIND: Readonly<Record<ItemKind, BodyArea>> = {
  lipstick: 'lips',
  eyeshadow: 'eyes',
  blush: 'cheeks',
  hat: 'head',
  glasses: 'face',
};

export const CatalogItem = z.discriminatedUnion('materialType', [StickerItem, ModelItem]).superRefine((item, ctx) => {
  if (AREA_OF_KIND[item.kind] !== item.bodyArea) {
    ctx.addIssue({ code: 'custom', path: ['bodyArea'], message: `a ${item.kind} is worn on the ${AREA_OF_KIND[item.kind]}, not the ${item.bodyArea}` });
  }
  const seen = new Set<string>();
  item.attributes.forEach((attribute, index) => {
    if (seen.has(attribute.id)) ctx.addIssue({ code: 'custom', path: ['attributes', index, 'id'], message: `duplicate attribute id ${attribute.id}` });
    seen.add(attribute.id);
  });
});
export type CatalogItem = z.output<typeof CatalogItem>;

export const Catalog = z
  .object({
    version: z.literal(1),
    items: z.array(CatalogItem).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.items.forEach((item, index) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `duplicate item id ${item.id}` });
      seen.add(item.id);
    });
  });
export type Catalog = z.output<typeof Catalog>;

export function findAttribute(item: CatalogItem, id: string): CatalogItem['attributes'][number] | undefined {
  return item.attributes.find((attribute) => attribute.id === id);
}
