import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Migration } from 'kysely/migration';
import { openDatabase, type DatabaseTarget, type Db, type Dialect } from '../kernel/db/database';
import { platformMigrations } from '../kernel/db/migrations/index';
import { preparedTestDatabaseUrl, testDatabaseUrl } from './postgres';

/**
 * Which database this test run uses: `PLATFORM_TEST_DB=postgres` (the `platform-pg` vitest project)
 * or SQLite (the `unit` project). The same test files run on both.
 */
export function testDialect(): Dialect {
  return process.env.PLATFORM_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** A `databaseUrl` for buildPlatform: a fresh PostgreSQL database, or undefined for SQLite in the data dir. */
export async function testDatabaseUrlFor(dialect: Dialect = testDialect()): Promise<string | undefined> {
  return dialect === 'postgres' ? testDatabaseUrl() : undefined;
}

/**
 * A fresh PostgreSQL database already at the schema `openDatabase(target, featureMigrations)` brings
 * an empty one to (so opening it migrates nothing): a copy of one database migrated once per run.
 */
export function migratedTestDatabaseUrl(featureMigrations: Readonly<Record<string, Migration>> = {}): Promise<string> {
  const names = Object.keys({ ...platformMigrations, ...featureMigrations }).sort();
  return preparedTestDatabaseUrl(`migrated:${names.join(',')}`, async (url) => {
    const db = await openDatabase({ kind: 'postgres', url }, featureMigrations);
    await db.destroy();
  });
}

export interface TestDb {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Open it again for a second connection (a second node). */
  readonly target: DatabaseTarget;
  close(): Promise<void>;
}

/** A fresh, migrated platform database of the run's dialect, for repository tests. */
export async function openTestDb(dialect: Dialect = testDialect()): Promise<TestDb> {
  if (dialect === 'postgres') {
    const target: DatabaseTarget = { kind: 'postgres', url: await migratedTestDatabaseUrl() };
    const db = await openDatabase(target);
    return { db, dialect, target, close: () => db.destroy() };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-db-'));
  const target: DatabaseTarget = { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') };
  const db = await openDatabase(target);
  return {
    db,
    dialect,
    target,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
