import type { Executor } from '../../kernel/db/database';
import { rowCount } from '../../kernel/db/numbers';
import { prepared } from '../../kernel/db/prepared';
import type { PlatformDb, SessionsTable } from '../../kernel/db/schema';

/** A session with its account's public columns (null ones when the account is gone). */
export interface SessionWithUser {
  readonly user_id: string;
  readonly expires_at: number;
  readonly handle: string | null;
  readonly display_name: string | null;
  readonly user_created_at: number | null;
}

/** Every signed-in request runs this: one statement, compiled once (kernel/db/prepared.ts). */
const sessionWithUser = prepared<PlatformDb, { tokenHash: string }>()((db, a) =>
  db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.expires_at', 'users.handle', 'users.display_name', 'users.created_at as user_created_at'])
    .where('sessions.token_hash', '=', a.tokenHash),
);

export class SessionsRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: SessionsTable, trx?: Executor): Promise<void> {
    await (trx ?? this.db).insertInto('sessions').values(row).execute();
  }

  /** The session behind a token hash and its account, in one read. */
  async withUser(tokenHash: string, trx?: Executor): Promise<SessionWithUser | null> {
    return (await sessionWithUser.executeTakeFirst(trx ?? this.db, { tokenHash })) ?? null;
  }

  async remove(tokenHash: string, trx?: Executor): Promise<void> {
    await (trx ?? this.db).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Housekeeping: expired sessions are useless rows. Returns how many went. */
  async removeExpired(now: number, trx?: Executor): Promise<number> {
    const result = await (trx ?? this.db).deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return rowCount(result.numDeletedRows);
  }
}
