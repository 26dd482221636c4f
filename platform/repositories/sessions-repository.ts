import type { Db } from '../db/database';
import type { SessionsTable } from '../db/schema';

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  async insert(row: SessionsTable): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async byTokenHash(tokenHash: string): Promise<SessionsTable | null> {
    return (await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()) ?? null;
  }

  async remove(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Housekeeping: expired sessions are useless rows. */
  async removeExpired(now: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }
}
