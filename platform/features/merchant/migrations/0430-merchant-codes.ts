import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Redemption codes the sandbox merchant honours: only the SHA-256 of the normalised code is stored
 * (the code has ≥ 80 random bits, so the hash cannot be reversed by trying codes). Redeeming is one
 * conditional UPDATE (`redeemed_at is null and expires_at > now`): exactly one of any number of
 * concurrent attempts wins.
 */
export const migration0430MerchantCodes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('merchant_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('gift_id', 'text', (c) => c.notNull().unique())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('redeemed_at', 'bigint')
      .execute();
  },
};
