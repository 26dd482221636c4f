import type { User, UserId } from '@shared/protocol/index';
import type { Executor } from '../../kernel/db/database';
import { rowCount, toSafeInteger } from '../../kernel/db/numbers';
import type { UsersTable } from '../../kernel/db/schema';

export interface UserRecord {
  readonly user: User;
  readonly passwordHash: string;
}

const toUser = (row: UsersTable): User => ({ id: row.id as UserId, handle: row.handle, displayName: row.display_name, createdAt: toSafeInteger(row.created_at) });

export class UsersRepository {
  constructor(private readonly db: Executor) {}

  /** Returns null when the handle is taken (the unique index decides, so two racing sign-ups cannot both win). */
  async insert(row: UsersTable, trx?: Executor): Promise<User | null> {
    const result = await (trx ?? this.db)
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('handle').doNothing())
      .executeTakeFirst();
    return rowCount(result.numInsertedOrUpdatedRows) === 1 ? toUser(row) : null;
  }

  async byHandle(handle: string, trx?: Executor): Promise<UserRecord | null> {
    const row = await (trx ?? this.db).selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async setPasswordHash(id: string, passwordHash: string, trx?: Executor): Promise<void> {
    await (trx ?? this.db).updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async byId(id: string, trx?: Executor): Promise<User | null> {
    const row = await (trx ?? this.db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }
}
