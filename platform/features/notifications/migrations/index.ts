import type { Migration } from 'kysely/migration';
import { migration0210Notifications } from './0210-notifications';
import { migration0451NotificationTextKeys } from './0451-notification-text-keys';

/**
 * The notifications feature's migrations, numbered in the platform's one sequence (0210–0299; a
 * later change takes the next number after the platform's newest, since an applied sequence only grows at its end).
 */
export const notificationsMigrations: Readonly<Record<string, Migration>> = {
  '0210-notifications': migration0210Notifications,
  '0451-notification-text-keys': migration0451NotificationTextKeys,
};
