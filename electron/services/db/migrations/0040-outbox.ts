import { POST_JOB_STATES } from '@shared/ipc/nouns/sync';
import type { Migration } from '../migrate';

/**
 * The sync outbox: one row per post job. The tus upload URL and the confirmed offset are stored so
 * a job resumes after the studio restarts; the idempotency key is fixed at enqueue time so a retried
 * create never makes a second video on the platform. The state CHECK is generated from the one list
 * of post-job states (it reads exactly as it did when written out by hand).
 */
export const migration0040Outbox: Migration = {
  version: 40,
  name: 'outbox',
  up: `
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('post')),
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
    CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);
  `,
};
