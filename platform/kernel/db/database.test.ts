import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openPlatformDb } from './database';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test('0001-initial creates the tables on a real file; reopening keeps data and re-runs nothing', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  dirs.push(dir);
  const file = path.join(dir, 'platform.sqlite');
  const db = await openPlatformDb(file);
  await db.insertInto('users').values({ id: 'usr_0000000000', handle: 'kept', display_name: 'Kept', password_hash: 'x', created_at: 1 }).execute();
  await db.destroy();

  const again = await openPlatformDb(file);
  expect(await again.selectFrom('users').select('handle').execute()).toEqual([{ handle: 'kept' }]);
  await expect(again.insertInto('users').values({ id: 'usr_0000000001', handle: 'kept', display_name: 'Dup', password_hash: 'x', created_at: 2 }).execute()).rejects.toThrow(/UNIQUE/);
  await again.destroy();

  const raw = new Database(file, { readonly: true });
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%' AND name NOT LIKE 'sqlite%' ORDER BY name").all();
  const applied = raw.prepare('SELECT name FROM kysely_migration').all();
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  raw.close();
  expect(tables).toEqual([{ name: 'anchors' }, { name: 'items' }, { name: 'sessions' }, { name: 'users' }, { name: 'videos' }]);
  expect(applied).toEqual([{ name: '0001-initial' }]);
});

test('a visibility outside the enum is refused by the table itself', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  dirs.push(dir);
  const db = await openPlatformDb(path.join(dir, 'p.sqlite'));
  await db.insertInto('users').values({ id: 'usr_0000000000', handle: 'u', display_name: 'U', password_hash: 'x', created_at: 1 }).execute();
  const video = { id: 'vid_0000000000', owner_id: 'usr_0000000000', upload_id: 'upl_0000000000', idempotency_key: 'k', title: 't', topic: null, visibility: 'everyone', duration_ms: 1, width: 1, height: 1, mime_type: 'video/mp4', size_bytes: 1, cover_time_ms: 0, media_file: 'f', cover_file: null, created_at: 1 };
  await expect(db.insertInto('videos').values(video).execute()).rejects.toThrow(/CHECK/);
  await db.destroy();
});
