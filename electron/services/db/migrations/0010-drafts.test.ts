import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration0010Drafts } from './0010-drafts';

const row = {
  id: 'drf_0000000001abcdefghij',
  kind: 'photo',
  title: 'astronaut',
  created_at: 1,
  updated_at: 1,
  media_file: 'original.png',
  thumbnail_file: 'thumb.jpg',
  mime_type: 'image/png',
  size_bytes: 10,
  width: 512,
  height: 512,
  duration_ms: null,
  item_id: null,
  attribute_id: null,
  status: 'ready',
  status_detail: null,
};
const insert = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO drafts (${Object.keys(values).join(',')}) VALUES (${Object.keys(values)
        .map((k) => '@' + k)
        .join(',')})`,
    )
    .run(values);

describe('0010-drafts', () => {
  it('stores a draft and enforces kinds, statuses, titles and types (STRICT)', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0010Drafts]);
    insert(db, row);
    expect(db.prepare('SELECT title, width FROM drafts').get()).toEqual({ title: 'astronaut', width: 512 });
    expect(() => insert(db, { ...row, id: 'drf_2', kind: 'audio' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, id: 'drf_3', status: 'done' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, id: 'drf_4', title: '' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, id: 'drf_5', size_bytes: 'ten' })).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => insert(db, { ...row })).toThrow(/UNIQUE/);
  });
});
