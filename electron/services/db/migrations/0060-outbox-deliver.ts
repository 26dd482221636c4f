import { POST_JOB_STATES } from '@shared/ipc/nouns/sync';
import type { Migration } from '../migrate';

/** The outbox's job kinds: a post, and a custom-video order's delivery (issue 13). */
export const OUTBOX_KINDS = ['post', 'deliver-order'] as const;

/**
 * Lets the outbox carry 'deliver-order' jobs beside posts: the same upload, retry and restart
 * handling, then POST /orders/:id/deliver with the job's idempotency key instead of creating a
 * video. SQLite cannot change a CHECK in place, so the table is rebuilt with every row kept.
 */
export const migration0060OutboxDeliver: Migration = {
  version: 60,
  name: 'outbox-deliver',
  up: `
    CREATE TABLE outbox_next (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN (${OUTBOX_KINDS.map((k) => `'${k}'`).join(', ')})),
      platform_url TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      file_path TEXT NOT NULL,
      file_size INTEGER NOT NULL CHECK (file_size > 0),
      request_json TEXT NOT NULL,
      draft_id TEXT,
      state TEXT NOT NULL CHECK (state IN (${POST_JOB_STATES.map((s) => `'${s}'`).join(', ')})),
      upload_url TEXT,
      uploaded_bytes INTEGER NOT NULL DEFAULT 0 CHECK (uploaded_bytes >= 0),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_error TEXT,
      video_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO outbox_next SELECT id, kind, platform_url, idempotency_key, file_path, file_size, request_json, draft_id, state, upload_url, uploaded_bytes, attempts, next_attempt_at, last_error, video_id, created_at, updated_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
    CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);
  `,
};
