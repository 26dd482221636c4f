import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A notification keeps its sentence as key and parameters (JSON) beside its English `text`, so
 * each client says it in its own language. Notifications written before have none and show their text.
 */
export const migration0451NotificationTextKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('notifications').addColumn('text_key', 'text').execute();
  },
};
