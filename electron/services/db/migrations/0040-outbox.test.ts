import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { migrate } from '../migrate';
import { migration0010Drafts } from './0010-drafts';
import { POST_JOB_STATES } from '@shared/ipc/nouns/sync';
import { migration0040Outbox } from './0040-outbox';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): Database.Database {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-migration-'));
  dirs.push(dir);
  return new Database(path.join(dir, 'studio.sqlite'));
}

const row = {
  id: 'job_1',
  kind: 'post',
  platform_url: 'http://127.0.0.1:1',
  idempotency_key: 'post-1',
  file_path: '/v.mp4',
  file_size: 10,
  request_json: '{}',
  state: 'queued',
  created_at: 1,
  updated_at: 1,
};
const insert = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO outbox (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
        .map((k) => `@${k}`)
        .join(', ')})`,
    )
    .run(values);

test('0040 adds the outbox on top of an existing drafts database, keeping the drafts', () => {
  const db = open();
  migrate(db, [migration0010Drafts]);
  db.prepare(
    "INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, status) VALUES ('drf_0000000000', 'video', 'kept', 1, 1, 'v.mp4', 'video/mp4', 1, 'ready')",
  ).run();
  expect(migrate(db, [migration0010Drafts, migration0040Outbox])).toEqual({ from: 10, to: 40 });
  insert(db, row);
  expect(db.prepare('SELECT state, uploaded_bytes, attempts FROM outbox').get()).toEqual({ state: 'queued', uploaded_bytes: 0, attempts: 0 });
  expect(db.prepare('SELECT title FROM drafts').get()).toEqual({ title: 'kept' });
  db.close();
});

test('the outbox refuses an unknown state, a reused idempotency key and an empty file', () => {
  const db = open();
  migrate(db, [migration0010Drafts, migration0040Outbox]);
  insert(db, row);
  expect(() => insert(db, { ...row, id: 'job_2', state: 'sent' })).toThrow(/CHECK/);
  expect(() => insert(db, { ...row, id: 'job_3' })).toThrow(/UNIQUE/);
  expect(() => insert(db, { ...row, id: 'job_4', idempotency_key: 'post-4', file_size: 0 })).toThrow(/CHECK/);
  expect(() => insert(db, { ...row, id: 'job_5', idempotency_key: 'post-5', file_size: 'ten' })).toThrow(/cannot store TEXT value in INTEGER column/);
  db.close();
});

test('the state CHECK is generated from the post-job states and reads as the hand-written one did', () => {
  expect(migration0040Outbox.up).toContain("state TEXT NOT NULL CHECK (state IN ('queued', 'uploading', 'creating', 'waiting', 'needs_sign_in', 'done', 'failed', 'cancelled')),");
  const db = open();
  migrate(db, [migration0010Drafts, migration0040Outbox]);
  for (const [i, state] of POST_JOB_STATES.entries()) insert(db, { ...row, id: `job_s${i}`, idempotency_key: `post-s${i}`, state });
  expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(POST_JOB_STATES.length);
  db.close();
});
