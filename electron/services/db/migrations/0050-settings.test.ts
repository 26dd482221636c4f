import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { migrate } from '../migrate';
import { migration0010Drafts } from './0010-drafts';
import { migration0040Outbox } from './0040-outbox';
import { migration0050Settings } from './0050-settings';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): Database.Database {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'settings-migration-'));
  dirs.push(dir);
  return new Database(path.join(dir, 'studio.sqlite'));
}

test('0050 adds settings on top of a database with drafts and an outbox, keeping them', () => {
  const db = open();
  migrate(db, [migration0010Drafts, migration0040Outbox]);
  db.prepare(
    "INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, status) VALUES ('drf_0000000000', 'video', 'kept', 1, 1, 'v.mp4', 'video/mp4', 1, 'ready')",
  ).run();
  expect(migrate(db, [migration0010Drafts, migration0040Outbox, migration0050Settings])).toEqual({ from: 40, to: 50 });
  db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (\'encoder\', \'{"preset":"fast","crf":20}\', 1)').run();
  expect(db.prepare('SELECT value_json FROM settings').pluck().get()).toBe('{"preset":"fast","crf":20}');
  expect(db.prepare('SELECT title FROM drafts').pluck().get()).toBe('kept');
  db.close();
});

test('settings refuse a value that is not JSON, an empty key and a duplicate key', () => {
  const db = open();
  migrate(db, [migration0010Drafts, migration0040Outbox, migration0050Settings]);
  const insert = db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, 1)');
  insert.run('maxLengthS', '60');
  expect(() => insert.run('ffmpegPath', '/usr/bin/ffmpeg')).toThrow(/CHECK/);
  expect(() => insert.run('', '1')).toThrow(/CHECK/);
  expect(() => insert.run('maxLengthS', '30')).toThrow(/UNIQUE|PRIMARY/);
  db.close();
});
