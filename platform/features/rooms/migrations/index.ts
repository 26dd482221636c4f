import type { Migration } from 'kysely/migration';
import { migration0400Rooms } from './0400-rooms';

/** The rooms feature's migrations (0400–0409 of the live rooms range 0400–0499). */
export const roomsMigrations: Readonly<Record<string, Migration>> = {
  '0400-rooms': migration0400Rooms,
};
