import type { Generated, Kysely } from 'kysely';

export interface NotificationsTable {
  seq: Generated<number>;
  id: string;
  user_id: string;
  kind: string;
  /** In English. */
  text: string;
  /** The sentence as key and parameters (JSON, shared/protocol/platform-texts.ts); null for rows written before keys. */
  text_key: string | null;
  target_kind: string;
  target_id: string;
  read_at: number | null;
  created_at: number;
}

/** Per recipient: how many of their notifications are unread, changed with them in one transaction. */
export interface NotificationInboxesTable {
  user_id: string;
  unread: number;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_inboxes: NotificationInboxesTable;
}

/** The caller's database or open transaction, whatever else its schema holds. */
export type NotificationsExecutor = Pick<Kysely<object>, 'isTransaction'>;

export function notificationsDb(db: NotificationsExecutor): Kysely<NotificationTables> {
  return db as unknown as Kysely<NotificationTables>;
}
