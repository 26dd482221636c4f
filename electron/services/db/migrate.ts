import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL run inside the migration's transaction. */
  readonly up: string;
}

/**
 * Brings the database to the newest version, one transaction per migration, recording each
 * applied version in `PRAGMA user_version`. A database newer than this build is refused rather
 * than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`Two migrations share version ${sorted[i]!.version}`);
  }
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = sorted.at(-1)?.version ?? 0;
  if (from > newest) throw new Error(`The database is at version ${from}, newer than this app (${newest}). Update Anchor Studio.`);
  for (const migration of sorted) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, newest) };
}
