import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { migrate, type Migration } from './migrate';

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** Set when the old file could not be used and was moved aside: tell the user. */
  readonly movedAside: { readonly from: string; readonly to: string; readonly reason: string } | null;
}

function openChecked(file: string, migrations: readonly Migration[]): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the studio database. A corrupt or unreadable file is never deleted:
 * it and its WAL/SHM companions are renamed `*.corrupt-<time>` and a fresh database is started,
 * and the caller gets `movedAside` to tell the user.
 */
export function openDatabase(file: string, migrations: readonly Migration[], logger: Logger, now: () => number): OpenedDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openChecked(file, migrations), movedAside: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/newer than this app/.test(reason)) throw error;
    const to = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    logger.error('database unusable, moving it aside', { file, to, reason });
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, to + suffix);
    }
    return { db: openChecked(file, migrations), movedAside: { from: file, to, reason } };
  }
}
