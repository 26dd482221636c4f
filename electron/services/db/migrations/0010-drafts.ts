import type { Migration } from '../migrate';

export const migration0010Drafts: Migration = {
  version: 10,
  name: 'drafts',
  up: `
    CREATE TABLE drafts (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('photo', 'video')),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      media_file TEXT NOT NULL,
      thumbnail_file TEXT,
      mime_type TEXT NOT NULL,
      size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
      width INTEGER,
      height INTEGER,
      duration_ms INTEGER,
      item_id TEXT,
      attribute_id TEXT,
      status TEXT NOT NULL CHECK (status IN ('recording', 'recovered', 'exporting', 'ready', 'failed')),
      status_detail TEXT
    ) STRICT;
    CREATE INDEX drafts_by_created ON drafts (created_at DESC, id);
  `,
};
