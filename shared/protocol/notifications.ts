import { z } from 'zod';
import { hasForbiddenChars } from './messages';
import { PlatformText } from './platform-texts';
import type { RouteSpec } from './routes';

export const NotificationId = z
  .string()
  .regex(/^ntf_[0-9a-z]{10,40}$/, 'not a notification id')
  .brand<'NotificationId'>();
export type NotificationId = z.output<typeof NotificationId>;

/** What opening a notification goes to; clients map each kind to a page (`user`: a profile by handle). */
export const NotificationTargetKind = z.enum(['conversation', 'order', 'gift', 'video', 'comment', 'room', 'user']);
export type NotificationTargetKind = z.output<typeof NotificationTargetKind>;

export const NotificationTarget = z.object({
  kind: NotificationTargetKind,
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'A target id is 1 to 100 letters, digits, _ or -'),
});
export type NotificationTarget = z.output<typeof NotificationTarget>;

/** The feature's own word for what happened (`order.accepted`, `gift.received`), for icons and grouping. */
export const NotificationKind = z.string().regex(/^[a-z][a-z0-9_.-]{0,39}$/, 'A notification kind is a lowercase slug such as order.accepted');

export const NOTIFICATION_MAX_CHARS = 300;
/** Plain text, one line or a few; clients render it as text, never as HTML. */
export const NotificationText = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'A notification needs text')
      .max(NOTIFICATION_MAX_CHARS)
      .refine((s) => !hasForbiddenChars(s), 'plain text without control characters'),
  );

export const Notification = z.object({
  id: NotificationId,
  kind: z.string(),
  /** In English; clients say `textKey` in their own language when they know it. */
  text: z.string(),
  /** The sentence's key and parameters (shared/protocol/platform-texts.ts); null for a notification written before keys. */
  textKey: PlatformText.nullable(),
  target: NotificationTarget,
  read: z.boolean(),
  at: z.number().int(),
});
export type Notification = z.output<typeof Notification>;

export const ListNotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** Newest first; the `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'not a cursor')
    .optional(),
});
export const NotificationPage = z.object({ notifications: z.array(Notification), nextCursor: z.string().nullable(), unreadCount: z.number().int().nonnegative() });
export type NotificationPage = z.output<typeof NotificationPage>;

/** `{ ids: [...] }` marks those (the caller's own; others are ignored), `{ all: true }` every one. */
export const MarkNotificationsRead = z.union([z.object({ ids: z.array(NotificationId).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]);
export type MarkNotificationsRead = z.input<typeof MarkNotificationsRead>;

export const NotificationUnreadCount = z.object({ unreadCount: z.number().int().nonnegative() });

/** Events on the recipient's `user:<id>` topic. */
export const NOTIFICATION_EVENT_TYPES = { created: 'notification.created', read: 'notifications.read' } as const;
export const NotificationCreatedEvent = z.object({ notification: Notification, unreadCount: z.number().int().nonnegative() });
export const NotificationsReadEvent = z.object({ unreadCount: z.number().int().nonnegative() });

const spec = <S extends RouteSpec>(s: S): S => s;

/** The caller's notifications (relative to API_PREFIX). */
export const notificationsRoutes = {
  listNotifications: spec({
    method: 'GET',
    path: '/notifications',
    auth: 'required',
    status: 200,
    query: ListNotificationsQuery,
    response: NotificationPage,
    summary: 'The caller’s notifications, newest first, and the unread count',
  }),
  markNotificationsRead: spec({
    method: 'POST',
    path: '/notifications/read',
    auth: 'required',
    status: 200,
    body: MarkNotificationsRead,
    response: NotificationUnreadCount,
    summary: 'Mark some or all of the caller’s notifications read',
  }),
  unreadNotifications: spec({
    method: 'GET',
    path: '/notifications/unread-count',
    auth: 'required',
    status: 200,
    response: NotificationUnreadCount,
    summary: 'How many of the caller’s notifications are unread (the bell’s badge)',
  }),
} as const;
