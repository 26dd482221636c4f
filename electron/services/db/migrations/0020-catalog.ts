import type { Migration } from '../migrate';

/**
 * The try-on catalog, loaded from resources/catalog (and later from the platform): items and their
 * attributes (shades, colours) as rows, so drafts and platform items can join on them. The
 * kind-specific parameters (colour, opacity, finish, model…) stay as validated JSON.
 */
export const migration0020Catalog: Migration = {
  version: 20,
  name: 'catalog',
  up: `
    CREATE TABLE catalog_items (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('lipstick', 'eyeshadow', 'blush', 'hat', 'glasses')),
      material_type TEXT NOT NULL CHECK (material_type IN ('sticker2d', 'model3d')),
      body_area TEXT NOT NULL CHECK (body_area IN ('lips', 'eyes', 'cheeks', 'head', 'face')),
      name TEXT NOT NULL,
      brand TEXT NOT NULL,
      model TEXT,
      source TEXT NOT NULL CHECK (source IN ('bundled', 'platform')),
      loaded_at INTEGER NOT NULL,
      CHECK ((material_type = 'model3d') = (model IS NOT NULL))
    ) STRICT;
    CREATE TABLE catalog_attributes (
      item_id TEXT NOT NULL REFERENCES catalog_items (id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      swatch TEXT NOT NULL,
      params TEXT NOT NULL CHECK (json_valid(params)),
      PRIMARY KEY (item_id, id)
    ) STRICT;
    CREATE INDEX catalog_items_by_position ON catalog_items (position, id);
  `,
};
