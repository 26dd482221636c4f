import type { Generated } from 'kysely';

/** Row types as stored. Times are epoch milliseconds from the injected clock. */
export interface UsersTable {
  id: string;
  handle: string;
  display_name: string;
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the bearer token: a leaked database does not leak usable tokens. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ItemsTable {
  id: string;
  position: number;
  /** The catalog item as JSON, validated with the protocol schema on the way in and out. */
  data: string;
}

export interface VideosTable {
  id: string;
  owner_id: string;
  upload_id: string;
  idempotency_key: string;
  title: string;
  topic: string | null;
  visibility: string;
  duration_ms: number;
  width: number;
  height: number;
  mime_type: string;
  size_bytes: number;
  cover_time_ms: number;
  media_file: string;
  cover_file: string | null;
  created_at: number;
  /** 'video' or 'image' (videos migration 0130); rows from before it are videos. */
  media_kind: Generated<string>;
  location: string | null;
}

export interface AnchorsTable {
  id: string;
  video_id: string;
  position: number;
  role: string;
  kind: string;
  item_id: string;
  attribute_id: string | null;
  label: string;
  x: number;
  y: number;
  start_ms: number;
  end_ms: number;
  placement: string;
  trigger_count: Generated<number>;
  /** JSON array of catalog item ids the anchor links besides item_id (videos migration 0130). */
  extra_item_ids: Generated<string>;
}

/** Deadline and periodic work for kernel/jobs; one row per (kind, key). */
export interface JobsTable {
  /** `${kind}:${key}`. */
  id: string;
  kind: string;
  key: string;
  /** Due at (epoch ms). */
  run_at: number;
  /** A node holds the job until then; null when nobody does. */
  locked_until: number | null;
  attempts: Generated<number>;
  /** JSON, or null. */
  payload: string | null;
  last_error: string | null;
  /** Set for periodic jobs: the next run is this long after the last one. */
  every_ms: number | null;
}

export interface PlatformDb {
  users: UsersTable;
  sessions: SessionsTable;
  items: ItemsTable;
  videos: VideosTable;
  anchors: AnchorsTable;
  jobs: JobsTable;
}
