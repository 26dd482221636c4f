import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { PostJobId } from '@shared/domain/ids';
import { failureNote } from '@shared/ipc/failure-text';
import { OutboxRepository } from '../../sync/outbox-repository';
import { migrate } from '../migrate';
import { migrations } from './index';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openAt(version: number): Database.Database {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-error-key-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'studio.sqlite'));
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
  return db;
}

const job = (id: string) => ({
  id: id as PostJobId,
  kind: 'post' as const,
  platformUrl: 'http://127.0.0.1:1',
  idempotencyKey: `key-${id}`,
  filePath: '/v.mp4',
  fileSize: 10,
  request: { title: 'A take', visibility: 'public' as const, anchors: [] },
  draftId: null,
  state: 'queued' as const,
  createdAt: 1,
  updatedAt: 1,
});

test('0070 keeps an older plain last error as it was, and the outbox then keeps a keyed one with its params', () => {
  const db = openAt(60);
  db.prepare(
    `INSERT INTO outbox (id, kind, platform_url, idempotency_key, file_path, file_size, request_json, state, last_error, created_at, updated_at)
     VALUES ('job_old', 'post', 'http://127.0.0.1:1', 'key-old', '/v.mp4', 10, '{}', 'waiting', 'The platform is unreachable (ECONNREFUSED)', 1, 1)`,
  ).run();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 70),
    ),
  ).toEqual({ from: 60, to: 70 });
  const outbox = new OutboxRepository(db);
  expect(outbox.get('job_old')!.lastError).toEqual({ message: 'The platform is unreachable (ECONNREFUSED)' });

  outbox.insert(job('job_new'));
  const keyed = failureNote({ key: 'sync.fileGone', params: { file: '/gone.mp4' } });
  expect(outbox.update('job_new', { state: 'failed', lastError: keyed }, 2).lastError).toEqual({ message: 'The video file is gone: /gone.mp4', key: 'sync.fileGone', params: { file: '/gone.mp4' } });
  // A plain message replaces a keyed one entirely (no stale key left beside it), and null clears both.
  expect(outbox.update('job_new', { lastError: { message: 'undefined is not a function' } }, 3).lastError).toEqual({ message: 'undefined is not a function' });
  expect(db.prepare("SELECT last_error_key FROM outbox WHERE id = 'job_new'").pluck().get()).toBeNull();
  expect(outbox.update('job_new', { lastError: keyed }, 4).lastError?.key).toBe('sync.fileGone');
  expect(outbox.update('job_new', { state: 'done', lastError: null }, 5).lastError).toBeNull();
  expect(db.prepare("SELECT last_error, last_error_key FROM outbox WHERE id = 'job_new'").get()).toEqual({ last_error: null, last_error_key: null });
  // A damaged key column still shows the English sentence.
  db.prepare("UPDATE outbox SET last_error = 'Refused', last_error_key = '{not json' WHERE id = 'job_new'").run();
  expect(outbox.get('job_new')!.lastError).toEqual({ message: 'Refused' });
  db.close();
});
