import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { migrate } from '../migrate';
import { migration0010Drafts } from './0010-drafts';
import { migration0040Outbox } from './0040-outbox';
import { migration0060OutboxDeliver } from './0060-outbox-deliver';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (id: string, kind: string) => ({
  id,
  kind,
  platform_url: 'http://127.0.0.1:1',
  idempotency_key: `key-${id}`,
  file_path: '/v.mp4',
  file_size: 10,
  request_json: '{}',
  state: 'uploading',
  upload_url: 'http://127.0.0.1:1/api/v1/uploads/upl_0000000000',
  uploaded_bytes: 4,
  created_at: 1,
  updated_at: 2,
});
const insert = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO outbox (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
        .map((k) => `@${k}`)
        .join(', ')})`,
    )
    .run(values);

test('0060 keeps every outbox row and its resume point, and then accepts deliver-order jobs but no other kind', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-deliver-migration-'));
  dirs.push(dir);
  const db = new Database(path.join(dir, 'studio.sqlite'));
  migrate(db, [migration0010Drafts, migration0040Outbox]);
  insert(db, row('job_post', 'post'));
  expect(() => insert(db, row('job_early', 'deliver-order'))).toThrow(/CHECK/);
  expect(migrate(db, [migration0010Drafts, migration0040Outbox, migration0060OutboxDeliver])).toEqual({ from: 40, to: 60 });
  expect(db.prepare('SELECT id, kind, state, upload_url, uploaded_bytes, updated_at FROM outbox').all()).toEqual([
    { id: 'job_post', kind: 'post', state: 'uploading', upload_url: 'http://127.0.0.1:1/api/v1/uploads/upl_0000000000', uploaded_bytes: 4, updated_at: 2 },
  ]);
  insert(db, row('job_deliver', 'deliver-order'));
  expect(() => insert(db, row('job_other', 'gift'))).toThrow(/CHECK/);
  expect(() => insert(db, { ...row('job_again', 'deliver-order'), idempotency_key: 'key-job_deliver' })).toThrow(/UNIQUE/);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name = 'outbox_by_state'").pluck().get()).toBe('outbox_by_state');
  db.close();
});
