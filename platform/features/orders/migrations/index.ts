import type { Migration } from 'kysely/migration';
import { migration0300Orders } from './0300-orders';
import { migration0301OrderForwards } from './0301-order-forwards';

/** The orders feature's migrations, numbered in the platform's one sequence (0300–0399 belong to orders). */
export const ordersMigrations: Readonly<Record<string, Migration>> = {
  '0300-orders': migration0300Orders,
  '0301-order-forwards': migration0301OrderForwards,
};
