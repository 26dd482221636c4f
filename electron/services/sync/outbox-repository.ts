import type Database from 'better-sqlite3';
import { keyedTextJson, parseKeyedText } from '@shared/domain/keyed-text';
import type { FailureNote } from '@shared/ipc/failure-text';
import type { DeliverRequest, OutboxJob, PostJobId, PostJobState, PostRequest } from './post-job';

interface OutboxRow {
  id: string;
  kind: string;
  platform_url: string;
  idempotency_key: string;
  file_path: string;
  file_size: number;
  request_json: string;
  draft_id: string | null;
  state: string;
  upload_url: string | null;
  uploaded_bytes: number;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  last_error_key: string | null;
  video_id: string | null;
  created_at: number;
  updated_at: number;
}

const toJob = (row: OutboxRow): OutboxJob => {
  const common = toCommon(row);
  return row.kind === 'deliver-order'
    ? { ...common, kind: 'deliver-order', request: JSON.parse(row.request_json) as DeliverRequest }
    : { ...common, kind: 'post', request: JSON.parse(row.request_json) as PostRequest };
};

const toCommon = (row: OutboxRow): Omit<OutboxJob, 'kind' | 'request'> => ({
  id: row.id as PostJobId,
  state: row.state as PostJobState,
  platformUrl: row.platform_url,
  idempotencyKey: row.idempotency_key,
  filePath: row.file_path,
  fileSize: row.file_size,
  draftId: row.draft_id,
  uploadUrl: row.upload_url,
  uploadedBytes: row.uploaded_bytes,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: noteOf(row.last_error, row.last_error_key),
  videoId: row.video_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type JobPatch = Partial<Pick<OutboxJob, 'state' | 'uploadUrl' | 'uploadedBytes' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'videoId'>>;

/** The stored last error: the English sentence, with its key and params when a valid one is stored. */
function noteOf(message: string | null, keyJson: string | null): FailureNote | null {
  if (message === null) return null;
  const keyed = parseKeyedText(keyJson);
  return keyed ? { message, ...keyed } : { message };
}

const COLUMN: Readonly<Record<Exclude<keyof JobPatch, 'lastError'>, string>> = {
  state: 'state',
  uploadUrl: 'upload_url',
  uploadedBytes: 'uploaded_bytes',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  videoId: 'video_id',
};

/** A patch's values as the table's columns (the last error fills two). */
function columnsOf(patch: JobPatch): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(patch) as [keyof JobPatch, unknown][]) {
    if (name !== 'lastError') columns[COLUMN[name]] = value;
  }
  if ('lastError' in patch) {
    const note = patch.lastError ?? null;
    columns.last_error = note?.message ?? null;
    columns.last_error_key = keyedTextJson(note);
  }
  return columns;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** SQL for the outbox table (migrations 0040 and 0060: posts and order deliveries). */
export class OutboxRepository {
  constructor(private readonly db: Database.Database) {}

  insert(job: DistributiveOmit<OutboxJob, 'uploadUrl' | 'uploadedBytes' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'videoId'>): OutboxJob {
    this.db
      .prepare(
        `INSERT INTO outbox (id, kind, platform_url, idempotency_key, file_path, file_size, request_json, draft_id, state, created_at, updated_at)
         VALUES (@id, @kind, @platformUrl, @idempotencyKey, @filePath, @fileSize, @request, @draftId, @state, @createdAt, @updatedAt)`,
      )
      .run({ ...job, request: JSON.stringify(job.request) });
    return this.get(job.id)!;
  }

  get(id: string): OutboxJob | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row ? toJob(row) : null;
  }

  list(): OutboxJob[] {
    return (this.db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id DESC').all() as OutboxRow[]).map(toJob);
  }

  /** Unfinished jobs, oldest first: the order they are worked through. */
  unfinished(): OutboxJob[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE state NOT IN ('done', 'failed', 'cancelled') ORDER BY created_at, id").all() as OutboxRow[]).map(toJob);
  }

  update(id: string, patch: JobPatch, now: number): OutboxJob {
    const columns = columnsOf(patch);
    const sets = Object.keys(columns).map((column) => `${column} = @${column}`);
    this.db.prepare(`UPDATE outbox SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`).run({ ...columns, id, now });
    const job = this.get(id);
    if (!job) throw new Error(`outbox job ${id} vanished`);
    return job;
  }
}
