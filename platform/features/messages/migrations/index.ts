import type { Migration } from 'kysely/migration';
import { migration0200Messages } from './0200-messages';

/** The messages feature's migrations, numbered in the platform's one sequence (0200–0209 belong to messages; 0210–0299 to notifications). */
export const messagesMigrations: Readonly<Record<string, Migration>> = {
  '0200-messages': migration0200Messages,
};
