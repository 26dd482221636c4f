import type { Migration } from 'kysely/migration';
import { migration0430MerchantCodes } from './0430-merchant-codes';

/** The sandbox merchant's migrations (0430–0439 of the live rooms range 0400–0499). */
export const merchantMigrations: Readonly<Record<string, Migration>> = {
  '0430-merchant-codes': migration0430MerchantCodes,
};
