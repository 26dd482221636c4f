import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A system message keeps its sentence as key and parameters (JSON) beside its English `text`, so
 * each client says it in its own language. Messages written before have none and show their text.
 */
export const migration0450MessageTextKeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('messages').addColumn('text_key', 'text').execute();
  },
};
