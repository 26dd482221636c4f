import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { migrate, type Migration } from './migrate';

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** Set when the old file was corrupt and was moved aside: tell the user. */
  readonly movedAside: { readonly from: string; readonly to: string; readonly reason: string } | null;
  /** Set when the file can only be read (read-only file or disk, no permission): shown, not changed. */
  readonly readOnly: { readonly reason: string } | null;
}

/** Why a database could not be opened; only `corrupt` ever moves the file aside. */
export type DatabaseProblem = 'corrupt' | 'read-only' | 'permission' | 'disk-full' | 'newer' | 'other';

/** The studio cannot start on this database; the file was left exactly where it was. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Tells corruption from the conditions that leave a healthy file unusable for now. */
export function classifyDatabaseError(error: unknown): DatabaseProblem {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (/newer than this app/.test(message)) return 'newer';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /integrity check failed/.test(message)) return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'read-only';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') return 'permission';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  return 'other';
}

const PROBLEM_TEXT: Readonly<Record<Exclude<DatabaseProblem, 'corrupt'>, string>> = {
  'read-only': 'the file or its disk is read-only',
  permission: 'the studio has no permission to write it (or its folder)',
  'disk-full': 'the disk is full',
  newer: 'it was written by a newer version of the studio',
  other: 'it could not be read',
};

/** How a test or the app connects; a test passes `{ readonly: true }` to meet a real SQLITE_READONLY. */
export type Connect = (file: string, options?: Database.Options) => Database.Database;
const defaultConnect: Connect = (file, options) => new Database(file, options);

function openChecked(file: string, migrations: readonly Migration[], connect: Connect): Database.Database {
  const db = connect(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    migrate(db, migrations);
    // SQLite quietly opens a file it may not write read-only; a write now says so (SQLITE_READONLY)
    // instead of the first rename failing later. Rewriting user_version changes nothing.
    db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A healthy file we may not write: open it read-only if it needs nothing written (no migration). */
function openReadOnly(file: string, migrations: readonly Migration[], connect: Connect): Database.Database | null {
  let db: Database.Database | null = null;
  try {
    db = connect(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('integrity check failed');
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    if (db.pragma('user_version', { simple: true }) !== newest) throw new Error('needs a migration');
    return db;
  } catch {
    db?.close();
    return null;
  }
}

/**
 * Opens (creating if needed) the studio database. Only a corrupt file is moved aside (renamed
 * `*.corrupt-<time>` with its WAL/SHM companions, never deleted) for a fresh one. A healthy file
 * that cannot be written (read-only, no permission) is opened read-only when it needs no
 * migration; otherwise, and for a full disk, the studio refuses to start with a sentence that
 * says why, leaving the file where it is.
 */
export function openDatabase(file: string, migrations: readonly Migration[], logger: Logger, now: () => number, connect: Connect = defaultConnect): OpenedDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openChecked(file, migrations, connect), movedAside: null, readOnly: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem = classifyDatabaseError(error);
    if (problem === 'corrupt') {
      const to = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      logger.error('database corrupt, moving it aside', { file, to, reason });
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, to + suffix);
      }
      return { db: openChecked(file, migrations, connect), movedAside: { from: file, to, reason }, readOnly: null };
    }
    if (problem === 'newer') throw error;
    logger.error('database cannot be written; left where it is', { file, problem, reason });
    if (problem === 'read-only' || problem === 'permission') {
      const db = openReadOnly(file, migrations, connect);
      if (db) return { db, movedAside: null, readOnly: { reason: PROBLEM_TEXT[problem] } };
    }
    throw new DatabaseUnavailableError(
      problem,
      `The studio database ${file} cannot be opened because ${PROBLEM_TEXT[problem]} (${reason}). It was left as it is; fix that and start the studio again.`,
    );
  }
}
