import type { Migration } from '../migrate';

/**
 * Look presets (issue 16 §2): a look saved under a name. The layers are ids and intensities as JSON
 * (`[{ itemId, attributeId, intensity }]`), never whole catalog items, so a preset is resolved against
 * the catalog of the day. `name_key` (the trimmed, lower-cased name) makes names unique per studio
 * whatever their case; the service checks the rest (the 50 cap, the catalog) before writing.
 */
export const migration0090LookPresets: Migration = {
  version: 90,
  name: 'look-presets',
  up: `
    CREATE TABLE look_presets (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
      name_key TEXT NOT NULL UNIQUE CHECK (length(name_key) >= 1),
      layers_json TEXT NOT NULL CHECK (json_valid(layers_json) AND json_type(layers_json) = 'array' AND json_array_length(layers_json) BETWEEN 1 AND 5),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
