import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { testDatabaseUrl } from '../../test-support/postgres';
import { testDialect } from '../../test-support/database';
import { databaseTarget, dialectOf, openDatabase, openPlatformDb, withStatementCache, type DatabaseTarget } from './database';
import { isUniqueViolation } from './errors';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const dialect = testDialect();
async function freshTarget(): Promise<DatabaseTarget> {
  if (dialect === 'postgres') return { kind: 'postgres', url: await testDatabaseUrl() };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  dirs.push(dir);
  return { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') };
}

const user = (id: string, handle: string, createdAt = 1) => ({ id, handle, display_name: handle, password_hash: 'x', created_at: createdAt });

describe(`migrations on ${dialect}`, () => {
  test('0001-initial creates the tables; reopening keeps data and re-runs nothing; bigints come back as exact numbers', async () => {
    const target = await freshTarget();
    const db = await openDatabase(target);
    expect(dialectOf(db)).toBe(dialect);
    await db
      .insertInto('users')
      .values(user('usr_0000000000', 'kept', 1_764_000_000_123))
      .execute();
    await db.destroy();

    const again = await openDatabase(target);
    expect(await again.selectFrom('users').select(['handle', 'created_at']).execute()).toEqual([{ handle: 'kept', created_at: 1_764_000_000_123 }]);
    const duplicate = await again
      .insertInto('users')
      .values(user('usr_0000000001', 'kept'))
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const applied = await again
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .execute();
    const tables =
      dialect === 'postgres'
        ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%' order by 1`.execute(again)
        : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by 1`.execute(again);
    await again.destroy();
    expect(tables.rows.map((r) => r.name)).toEqual(['anchors', 'items', 'jobs', 'sessions', 'users', 'videos']);
    expect(applied).toEqual([{ name: '0001-initial' }, { name: '0002-jobs' }]);
  });

  test('a visibility outside the enum is refused by the table itself; anchor positions keep full precision', async () => {
    const db = await openDatabase(await freshTarget());
    try {
      await db.insertInto('users').values(user('usr_0000000000', 'u')).execute();
      const video = {
        id: 'vid_0000000000',
        owner_id: 'usr_0000000000',
        upload_id: 'upl_0000000000',
        idempotency_key: 'k',
        title: 't',
        topic: null,
        visibility: 'everyone',
        duration_ms: 1,
        width: 1,
        height: 1,
        mime_type: 'video/mp4',
        size_bytes: 1,
        cover_time_ms: 0,
        media_file: 'f',
        cover_file: null,
        created_at: 1,
      };
      await expect(db.insertInto('videos').values(video).execute()).rejects.toThrow(/CHECK|check constraint/);
      await db
        .insertInto('videos')
        .values({ ...video, visibility: 'public' })
        .execute();
      const anchor = {
        id: 'anc_0',
        video_id: video.id,
        position: 0,
        role: 'target',
        kind: 'tryon',
        item_id: 'i',
        attribute_id: null,
        label: 'l',
        x: 0.6,
        y: 0.123456789,
        start_ms: 0,
        end_ms: 1,
        placement: 'manual',
      };
      await db.insertInto('anchors').values(anchor).execute();
      expect(await db.selectFrom('anchors').select(['x', 'y', 'trigger_count']).executeTakeFirstOrThrow()).toEqual({ x: 0.6, y: 0.123456789, trigger_count: 0 });
    } finally {
      await db.destroy();
    }
  });
});

test.runIf(dialect === 'sqlite')('the SQLite file is in WAL mode with the migrations recorded', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  dirs.push(dir);
  const file = path.join(dir, 'platform.sqlite');
  await (await openPlatformDb(file)).destroy();
  const raw = new Database(file, { readonly: true });
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual([{ name: '0001-initial' }, { name: '0002-jobs' }]);
  raw.close();
});

test('databaseTarget: postgres:// URLs choose PostgreSQL, nothing chooses the SQLite file in the data dir', () => {
  expect(databaseTarget(undefined, '/data')).toEqual({ kind: 'sqlite', file: path.join('/data', 'platform.sqlite') });
  expect(databaseTarget('postgres://u:secret@db/anchor', '/data')).toEqual({ kind: 'postgres', url: 'postgres://u:secret@db/anchor' });
  expect(() => databaseTarget('mysql://u:secret@db/anchor', '/data')).toThrow(/^(?!.*secret).*postgres:\/\//);
});

describe('the SQLite statement cache', () => {
  test('hands out one prepared statement per SQL text, keeps the most recent, and never a statement still being iterated', () => {
    const sqlite = new Database(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('select 1 as n');
    expect(cached.prepare('select 1 as n')).toBe(a);
    cached.prepare('select 2 as n');
    cached.prepare('select 1 as n'); // a is now the most recent
    cached.prepare('select 3 as n'); // evicts "select 2"
    expect(cached.prepare('select 1 as n')).toBe(a);
    const b = cached.prepare('select 2 as n');
    expect(cached.prepare('select 2 as n')).toBe(b);

    const iterating = cached.prepare('select value from json_each(?)');
    const rows = iterating.iterate('[1,2,3]');
    rows.next();
    const other = cached.prepare('select value from json_each(?)');
    expect(other).not.toBe(iterating);
    expect(other.all('[4,5]')).toEqual([{ value: 4 }, { value: 5 }]);
    rows.return?.();
    cached.close();
    expect(sqlite.open).toBe(false);
  });
});
