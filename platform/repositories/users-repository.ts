import type { User, UserId } from '../../shared/protocol/index';
import type { Db } from '../db/database';
import type { UsersTable } from '../db/schema';

export interface UserRecord {
  readonly user: User;
  readonly passwordHash: string;
}

const toUser = (row: UsersTable): User => ({ id: row.id as UserId, handle: row.handle, displayName: row.display_name, createdAt: Number(row.created_at) });

export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** Returns null when the handle is taken (the unique index decides, so two racing sign-ups cannot both win). */
  async insert(row: UsersTable): Promise<User | null> {
    const result = await this.db.insertInto('users').values(row).onConflict((oc) => oc.column('handle').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? toUser(row) : null;
  }

  async byHandle(handle: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
  }

  async byId(id: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }
}
