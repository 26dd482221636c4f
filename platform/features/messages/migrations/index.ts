import type { Migration } from 'kysely/migration';
import { migration0200Messages } from './0200-messages';
import { migration0450MessageTextKeys } from './0450-message-text-keys';

/**
 * The messages feature's migrations, numbered in the platform's one sequence (0200–0209 belong to
 * messages; 0210–0299 to notifications). A later change to its tables takes the next number after
 * the newest of the whole platform (0450), since an applied sequence only grows at its end.
 */
export const messagesMigrations: Readonly<Record<string, Migration>> = {
  '0200-messages': migration0200Messages,
  '0450-message-text-keys': migration0450MessageTextKeys,
};
