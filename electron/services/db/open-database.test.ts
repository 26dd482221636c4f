import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { migrate, type Migration } from './migrate';
import { migrations } from './migrations';
import { openDatabase } from './open-database';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'anchor-db-'));
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
