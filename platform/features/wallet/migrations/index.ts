import type { Migration } from 'kysely/migration';
import { migration0100Ledger } from './0100-ledger';

/** The wallet's migrations, numbered in the platform's one sequence (0100–0109 belong to the wallet). */
export const walletMigrations: Readonly<Record<string, Migration>> = {
  '0100-ledger': migration0100Ledger,
};
