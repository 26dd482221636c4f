import { Migrator, type Migration } from 'kysely/migration';
import { platformMigrations } from './migrations/index';
import type { Db } from './transaction';

/**
 * Features own their tables' migrations (numbered in the same sequence: 0100 wallet, 0110 event
 * log…); the composition root hands them here after the kernel's own, and one Migrator applies the
 * whole sequence, so Kysely's record of applied migrations stays one list.
 */
export async function applyFeatureMigrations(db: Db, migrations: Readonly<Record<string, Migration>>): Promise<void> {
  const all = { ...platformMigrations, ...migrations };
  const { error, results } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(all) } }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`platform database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
