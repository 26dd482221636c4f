import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { migrate, type Migration } from './migrate';
import { migrations } from './migrations';
import { classifyDatabaseError, openDatabase, type Connect } from './open-database';

/** Each test's directories, removed after it. */
const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anchor-db-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const at = () => Date.UTC(2026, 10, 21, 12, 0, 0);

describe('openDatabase', () => {
  it('creates a WAL database at the newest version', () => {
    const file = path.join(tmp(), 'studio.db');
    const { db, movedAside } = openDatabase(file, migrations, createMemoryLogger(), at);
    expect(movedAside).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('moves a corrupt file aside (never deletes it) and starts a fresh database', () => {
    const dir = tmp();
    const file = path.join(dir, 'studio.db');
    const garbage = Buffer.from('SQLite format 3\0' + 'not really a database '.repeat(400));
    writeFileSync(file, garbage);
    const logger = createMemoryLogger();
    const { db, movedAside } = openDatabase(file, migrations, logger, at);
    expect(movedAside).not.toBeNull();
    expect(movedAside!.to).toBe(`${file}.corrupt-2026-11-21T12-00-00-000Z`);
    expect(readFileSync(movedAside!.to)).toEqual(garbage);
    expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    expect(logger.lines.some((l) => l.includes('moving it aside'))).toBe(true);
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(1);
  });

  it('opens a healthy database it may not write read-only, keeping the file and its drafts', () => {
    const dir = tmp();
    const file = path.join(dir, 'studio.db');
    const first = openDatabase(file, migrations, createMemoryLogger(), at);
    first.db
      .prepare(
        "INSERT INTO drafts (id, kind, title, created_at, updated_at, media_file, mime_type, size_bytes, status) VALUES ('drf_0000000000', 'photo', 'kept', 1, 1, 'p.png', 'image/png', 1, 'ready')",
      )
      .run();
    first.db.close();
    // A real SQLITE_READONLY from SQLite (tests run as root, which file modes do not stop).
    const readOnlyDisk: Connect = (f, o) => new Database(f, { ...o, readonly: true });
    const logger = createMemoryLogger();
    const opened = openDatabase(file, migrations, logger, at, readOnlyDisk);
    expect(opened.movedAside).toBeNull();
    expect(opened.readOnly?.reason).toMatch(/read-only/);
    expect(opened.db.prepare('SELECT title FROM drafts').pluck().get()).toBe('kept');
    opened.db.close();
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('refuses to start on a full disk or an unwritable database that needs a migration, never moving it aside', () => {
    const dir = tmp();
    const file = path.join(dir, 'studio.db');
    const older = new Database(file);
    migrate(older, migrations.slice(0, 1));
    older.close();
    const before = readFileSync(file);
    const readOnlyDisk: Connect = (f, o) => new Database(f, { ...o, readonly: true });
    expect(() => openDatabase(file, migrations, createMemoryLogger(), at, readOnlyDisk)).toThrow(
      expect.objectContaining({ name: 'DatabaseUnavailableError', problem: 'read-only', message: expect.stringMatching(/read-only.*left as it is/) }),
    );
    // A real SQLITE_FULL: SQLite may not grow the file past its current pages.
    const fullDisk: Connect = (f, o) => {
      const db = new Database(f, o);
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      return db;
    };
    expect(() => openDatabase(file, migrations, createMemoryLogger(), at, fullDisk)).toThrow(expect.objectContaining({ problem: 'disk-full', message: expect.stringMatching(/disk is full/) }));
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(readFileSync(file).subarray(0, 16)).toEqual(before.subarray(0, 16));
  });

  it('classifies errors: only corruption moves a file aside', () => {
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))).toBe('corrupt');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'SQLITE_NOTADB' }))).toBe('corrupt');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DIRECTORY' }))).toBe('read-only');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBe('disk-full');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'SQLITE_IOERR_READ' }))).toBe('other');
  });

  it('refuses a database from a newer app instead of guessing', () => {
    const file = path.join(tmp(), 'studio.db');
    const raw = new Database(file);
    raw.pragma('user_version = 9999');
    raw.close();
    expect(() => openDatabase(file, migrations, createMemoryLogger(), at)).toThrow(/newer than this app/);
    expect(existsSync(file)).toBe(true);
  });
});

describe('migrate', () => {
  it('applies each migration once, in order, in its own transaction', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 20, name: 'b', up: 'ALTER TABLE t ADD COLUMN b TEXT;' },
      { version: 10, name: 'a', up: 'CREATE TABLE t (a INTEGER) STRICT;' },
    ];
    expect(migrate(db, steps)).toEqual({ from: 0, to: 20 });
    expect(migrate(db, steps)).toEqual({ from: 20, to: 20 });
    const broken: Migration[] = [...steps, { version: 30, name: 'bad', up: 'CREATE TABLE u (x INTEGER) STRICT; SELECT * FROM missing;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'").get()).toEqual({ n: 0 });
  });
});
