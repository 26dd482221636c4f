import {
  NOTIFICATION_EVENT_TYPES,
  NotificationKind,
  NotificationTarget,
  NotificationText,
  type Notification,
  type NotificationId,
  type NotificationPage,
  type NotificationTargetKind,
} from '@shared/protocol/notifications';
import { PlatformText, parsePlatformText, platformTextIn } from '@shared/protocol/platform-texts';
import { rowCount, toSafeInteger } from '../../kernel/db/numbers';
import { prepared } from '../../kernel/db/prepared';
import type { EventLog, NewEvent } from '../../kernel/events/event-log';
import { newId } from '../../kernel/ids';
import { notificationsDb, type NotificationTables, type NotificationsExecutor, type NotificationsTable } from './schema';

/**
 * What a feature tells a user: its own kind slug (`order.accepted`), the sentence as key and
 * parameters (stored with its English, so each client says it in its language), and what opening it goes to.
 */
export interface NotificationInput {
  readonly kind: string;
  readonly said: PlatformText;
  readonly target: { readonly kind: NotificationTargetKind; readonly id: string };
}

/**
 * What other features use, inside their own transaction: `notify(trx, userId, …)` writes the
 * notification and publishes `notification.created` to `user:<userId>` (with the exact unread
 * count), so it exists if and only if the caller's change commits. `write` does the same but hands
 * the event back for the caller to publish with its own (one insert for all of a gift's events).
 */
export type Notifier = Pick<NotificationsService, 'notify' | 'write'>;

/** A notification written in the caller's transaction, and its `notification.created` event, not yet published. */
export interface WrittenNotification {
  readonly notification: Notification;
  readonly event: NewEvent;
}

export interface NotificationsDeps {
  readonly db: NotificationsExecutor;
  readonly events: Pick<EventLog, 'publish'>;
  readonly now: () => number;
  readonly transaction: <T>(work: (trx: NotificationsExecutor) => Promise<T>) => Promise<T>;
}

const toNotification = (row: Pick<NotificationsTable, 'id' | 'kind' | 'text' | 'text_key' | 'target_kind' | 'target_id' | 'read_at' | 'created_at'>): Notification => ({
  id: row.id as NotificationId,
  kind: row.kind,
  text: row.text,
  textKey: parsePlatformText(row.text_key),
  target: { kind: row.target_kind as NotificationTargetKind, id: row.target_id },
  read: row.read_at !== null,
  at: toSafeInteger(row.created_at),
});

/** Every gift runs these two: compiled once (kernel/db/prepared.ts) instead of built through Kysely each time. */
const insertNotification = prepared<NotificationTables, Omit<NotificationsTable, 'seq'>>()((db, a) =>
  db.insertInto('notifications').values({
    id: a.id,
    user_id: a.user_id,
    kind: a.kind,
    text: a.text,
    text_key: a.text_key,
    target_kind: a.target_kind,
    target_id: a.target_id,
    read_at: null,
    created_at: a.created_at,
  }),
);
const countUnread = prepared<NotificationTables, { userId: string }>()((db, a) =>
  db
    .insertInto('notification_inboxes')
    .values({ user_id: a.userId, unread: 1 })
    .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ unread: eb('notification_inboxes.unread', '+', 1) })))
    .returning('unread'),
);

/**
 * Notifications and the bell's unread count. The count is a per-user counter row changed in the
 * same transaction as the notifications (upsert +1 on notify, −n for the n rows a read actually
 * flipped), so it serialises writers per user and stays equal to the unread rows.
 */
export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  async notify(trx: NotificationsExecutor, userId: string, input: NotificationInput): Promise<Notification> {
    const { notification, event } = await this.write(trx, userId, input);
    await this.deps.events.publish(trx, event);
    return notification;
  }

  /** Writes the notification and the unread count in `trx`; the caller publishes the event in the same transaction. */
  async write(trx: NotificationsExecutor, userId: string, input: NotificationInput): Promise<WrittenNotification> {
    const kind = NotificationKind.parse(input.kind);
    const said = PlatformText.parse(input.said) as PlatformText;
    const text = NotificationText.parse(platformTextIn('en', said));
    const target = NotificationTarget.parse(input.target);
    const db = notificationsDb(trx);
    const row = { id: newId('ntf'), user_id: userId, kind, text, text_key: JSON.stringify(said), target_kind: target.kind, target_id: target.id, read_at: null, created_at: this.deps.now() };
    await insertNotification.execute(db, row);
    const inbox = await countUnread.executeTakeFirst(db, { userId });
    const notification = toNotification(row);
    const event = { topic: `user:${userId}`, type: NOTIFICATION_EVENT_TYPES.created, data: { notification, unreadCount: toSafeInteger(inbox!.unread) } };
    return { notification, event };
  }

  /** The user's notifications, newest first, with the unread count. */
  async list(userId: string, page: Readonly<{ limit: number; cursor?: string | undefined }>): Promise<NotificationPage> {
    let query = notificationsDb(this.deps.db)
      .selectFrom('notifications')
      .select(['seq', 'id', 'kind', 'text', 'text_key', 'target_kind', 'target_id', 'read_at', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) query = query.where('seq', '<', Number(page.cursor));
    const rows = await query.execute();
    const shown = rows.slice(0, page.limit);
    return {
      notifications: shown.map(toNotification),
      nextCursor: rows.length > page.limit && shown.length ? String(toSafeInteger(shown.at(-1)!.seq)) : null,
      unreadCount: await this.unreadCount(userId),
    };
  }

  async unreadCount(userId: string, db: NotificationsExecutor = this.deps.db): Promise<number> {
    const row = await notificationsDb(db).selectFrom('notification_inboxes').select('unread').where('user_id', '=', userId).executeTakeFirst();
    return toSafeInteger(row?.unread ?? 0);
  }

  /** Marks the user's own notifications read (`ids`, others' ids are ignored, or `all`); answers the unread count. */
  async markRead(userId: string, which: Readonly<{ ids: readonly string[] } | { all: true }>): Promise<number> {
    return this.deps.transaction(async (trx) => {
      const db = notificationsDb(trx);
      let update = db.updateTable('notifications').set({ read_at: this.deps.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if ('ids' in which) update = update.where('id', 'in', [...which.ids]);
      const flipped = rowCount((await update.executeTakeFirst()).numUpdatedRows);
      if (flipped > 0) {
        await db
          .updateTable('notification_inboxes')
          .set((eb) => ({ unread: eb('unread', '-', flipped) }))
          .where('user_id', '=', userId)
          .execute();
      }
      const unreadCount = await this.unreadCount(userId, trx);
      if (flipped > 0) await this.deps.events.publish(trx, { topic: `user:${userId}`, type: NOTIFICATION_EVENT_TYPES.read, data: { unreadCount } });
      return unreadCount;
    });
  }
}
