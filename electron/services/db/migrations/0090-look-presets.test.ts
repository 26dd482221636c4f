import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

test('0090 adds look_presets beside the drafts, keeping them; names unique by key, layers a non-empty JSON array', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version <= 80),
  );
  db.prepare(
    "INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, status) VALUES ('drf_0000000000', 'video', 'kept', 1, 1, 'v.mp4', 'video/mp4', 1, 'ready')",
  ).run();
  expect(migrate(db, migrations)).toMatchObject({ from: 80 });
  expect(db.prepare('SELECT title FROM drafts').pluck().get()).toBe('kept');
  const insert = db.prepare('INSERT INTO look_presets (id, name, name_key, layers_json, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
  const layers = '[{"itemId":"round-frames","attributeId":"gold","intensity":1}]';
  insert.run('lkp_0000000001', 'Evening', 'evening', layers);
  expect(() => insert.run('lkp_0000000002', 'EVENING', 'evening', layers)).toThrow(/UNIQUE/);
  expect(() => insert.run('lkp_0000000003', '', 'x', layers)).toThrow(/CHECK/);
  expect(() => insert.run('lkp_0000000004', 'x'.repeat(61), 'y', layers)).toThrow(/CHECK/);
  expect(() => insert.run('lkp_0000000005', 'Empty', 'empty', '[]')).toThrow(/CHECK/);
  expect(() => insert.run('lkp_0000000006', 'Object', 'object', '{}')).toThrow(/CHECK/);
  expect(() => insert.run('lkp_0000000007', 'Text', 'text', 'not json')).toThrow(/CHECK/);
  expect(db.prepare('SELECT count(*) FROM look_presets').pluck().get()).toBe(1);
  db.close();
});
