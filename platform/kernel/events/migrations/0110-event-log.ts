import { PostgresAdapter, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The durable event log: every published event, kept for the retention window. */
export const migration0110EventLog: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('event_log')
      .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_log_by_topic').on('event_log').columns(['topic', 'id']).execute();
    await db.schema.createIndex('event_log_by_at').on('event_log').column('at').execute();
  },
};

export const eventLogMigrations: Readonly<Record<string, Migration>> = { '0110-event-log': migration0110EventLog };
