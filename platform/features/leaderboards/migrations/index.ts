import type { Migration } from 'kysely/migration';
import { migration0420Leaderboards } from './0420-leaderboards';

/** The leaderboards feature's migrations (0420–0429 of the live rooms range 0400–0499). */
export const leaderboardsMigrations: Readonly<Record<string, Migration>> = {
  '0420-leaderboards': migration0420Leaderboards,
};
