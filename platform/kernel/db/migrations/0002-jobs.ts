import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** kernel/jobs: due work as rows, so several nodes share it (claimed with a lease) and restarts keep it. */
export const migration0002Jobs: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('payload', 'text')
      .addColumn('last_error', 'text')
      .addColumn('every_ms', 'bigint')
      .execute();
    await db.schema.createIndex('jobs_by_run_at').on('jobs').column('run_at').execute();
  },
};
