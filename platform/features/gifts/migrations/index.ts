import type { Migration } from 'kysely/migration';
import { migration0410Gifts } from './0410-gifts';

/** The gifts feature's migrations (0410–0419 of the live rooms range 0400–0499). */
export const giftsMigrations: Readonly<Record<string, Migration>> = {
  '0410-gifts': migration0410Gifts,
};
