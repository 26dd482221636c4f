import type { Migration } from '../migrate';

/**
 * User settings as one row per key with a JSON value: new settings need no migration, and the
 * service validates each value with the contract's schema when it reads it (an old or hand-edited
 * value that no longer parses falls back to the default instead of breaking start-up).
 */
export const migration0050Settings: Migration = {
  version: 50,
  name: 'settings',
  up: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 80),
      value_json TEXT NOT NULL CHECK (json_valid(value_json)),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
