import type { Migration } from 'kysely/migration';
import { migration0210Notifications } from './0210-notifications';

/** The notifications feature's migrations, numbered in the platform's one sequence (0210–0299). */
export const notificationsMigrations: Readonly<Record<string, Migration>> = {
  '0210-notifications': migration0210Notifications,
};
