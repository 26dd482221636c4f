import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Conversations between two accounts, their messages, each participant's read mark, and the block
 * list. Kysely's schema builder only, so it runs on SQLite and PostgreSQL alike.
 *
 * A message's `position` counts up within its conversation: the sender takes the next one with one
 * UPDATE of the conversation row, so sends to one conversation serialise on that row (PostgreSQL's
 * row lock, SQLite's single writer) and positions commit in order — a read mark `up to position N`
 * can never skip a message that commits later with a smaller position.
 */
export const migration0200Messages: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The pair in id order, so there is one row per pair whichever side opens it.
      .addColumn('user_low', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('user_high', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('last_position', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('conversations_pair', ['user_low', 'user_high'])
      .addCheckConstraint('conversations_two_people', sql`user_low < user_high`)
      .execute();

    await db.schema
      .createTable('conversation_members')
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // Read up to this position (0: nothing read).
      .addColumn('read_position', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'user_id'])
      .execute();
    await db.schema.createIndex('conversation_members_by_user').on('conversation_members').column('user_id').execute();

    await db.schema
      .createTable('messages')
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'system')`))
      .addColumn('text', 'text', (c) => c.notNull())
      // JSON array of guide actions ('[]' for text messages).
      .addColumn('actions', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('messages_conversation_position', ['conversation_id', 'position'])
      .addUniqueConstraint('messages_sender_key', ['sender_id', 'idempotency_key'])
      .execute();

    await db.schema
      .createTable('user_blocks')
      .addColumn('blocker_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_blocks_pk', ['blocker_id', 'blocked_id'])
      .execute();
  },
};
