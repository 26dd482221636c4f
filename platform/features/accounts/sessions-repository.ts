import type { Executor } from '../../kernel/db/database';
import { rowCount } from '../../kernel/db/numbers';
import type { SessionsTable } from '../../kernel/db/schema';

export class SessionsRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: SessionsTable, trx?: Executor): Promise<void> {
    await (trx ?? this.db).insertInto('sessions').values(row).execute();
  }

  async byTokenHash(tokenHash: string, trx?: Executor): Promise<SessionsTable | null> {
    return (await (trx ?? this.db).selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()) ?? null;
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
