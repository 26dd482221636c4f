import type { Migration } from '../migrate';

/**
 * A photo draft keeps the whole look it was taken in (issue 16 §2): JSON
 * `[{ "itemId", "attributeId", "intensity" }]`, or NULL for a single item or none (and older rows).
 * item_id/attribute_id stay the current layer, the anchor a post targets.
 */
export const migration0100DraftLook: Migration = {
  version: 100,
  name: 'draft-look',
  up: `ALTER TABLE drafts ADD COLUMN look_json TEXT;`,
};
