import type { Migration } from 'kysely/migration';
import { migration0001Initial } from './0001-initial';
import { migration0002Jobs } from './0002-jobs';

/** Numbered migrations, applied in name order by Kysely's Migrator. */
export const platformMigrations: Readonly<Record<string, Migration>> = {
  '0001-initial': migration0001Initial,
  '0002-jobs': migration0002Jobs,
};
