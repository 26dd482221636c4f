import { useSyncExternalStore } from 'react';
import { MESSAGE_EVENT_TYPES, messagesRoutes } from '@shared/protocol/messages';
import { NOTIFICATION_EVENT_TYPES, NotificationCreatedEvent, NotificationsReadEvent, notificationsRoutes } from '@shared/protocol/notifications';
import type { EventEnvelope } from '@shared/protocol/events';
import { call } from './api';
import { LiveEvents } from './live-events';

/**
 * The signed-in viewer's live state: unread messages and notifications (the header's badges) and
 * the event stream pages listen to. Counts load once at sign-in and then follow the events socket;
 * nothing polls.
 */
export interface Unread {
  /** null: not known (signed out, or the platform has no such route yet). */
  readonly messages: number | null;
  readonly notifications: number | null;
}

let unread: Unread = { messages: null, notifications: null };
let live: LiveEvents | null = null;
let liveUser: string | null = null;
const listeners = new Set<() => void>();
const eventListeners = new Set<(event: EventEnvelope) => void>();

function set(next: Partial<Unread>): void {
  unread = { ...unread, ...next };
  for (const listener of listeners) listener();
}

export function useUnread(): Unread {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => unread,
  );
}

/** A page's view of the live events (a dialog appends new messages). */
export function onLiveEvent(listener: (event: EventEnvelope) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

// Only the newest request's answer counts: an older one that arrives late (sent before a read mark) would show a stale badge.
let messagesAsked = 0;
let notificationsAsked = 0;
function loadMessages(): Promise<void> {
  const asked = ++messagesAsked;
  return call(messagesRoutes.unreadMessages).then(
    (r) => (asked === messagesAsked ? set({ messages: r.unreadCount }) : undefined),
    () => (asked === messagesAsked ? set({ messages: null }) : undefined),
  );
}
function loadNotifications(): Promise<void> {
  const asked = ++notificationsAsked;
  return call(notificationsRoutes.unreadNotifications).then(
    (r) => (asked === notificationsAsked ? set({ notifications: r.unreadCount }) : undefined),
    () => (asked === notificationsAsked ? set({ notifications: null }) : undefined),
  );
}

function handle(event: EventEnvelope): void {
  switch (event.type) {
    case MESSAGE_EVENT_TYPES.created:
    case MESSAGE_EVENT_TYPES.read:
      // The event carries that conversation's count; the badge is the total, read once more.
      void loadMessages();
      break;
    case NOTIFICATION_EVENT_TYPES.created: {
      const data = NotificationCreatedEvent.safeParse(event.data);
      if (data.success) set({ notifications: data.data.unreadCount });
      break;
    }
    case NOTIFICATION_EVENT_TYPES.read: {
      const data = NotificationsReadEvent.safeParse(event.data);
      if (data.success) set({ notifications: data.data.unreadCount });
      break;
    }
  }
  for (const listener of eventListeners) listener(event);
}

/** Starts (or stops, with null) following a user's events. */
export function followUser(userId: string | null): void {
  if (userId === liveUser) return;
  live?.stop();
  live = null;
  liveUser = userId;
  if (!userId) return set({ messages: null, notifications: null });
  void loadMessages();
  void loadNotifications();
  live = new LiveEvents(userId);
  live.on(handle);
  live.onResync(() => {
    void loadMessages();
    void loadNotifications();
  });
  live.start();
}

/** After the viewer read something here: the answer's count is the new truth. */
export function setNotificationsUnread(count: number): void {
  notificationsAsked++;
  set({ notifications: count });
}
export const refreshMessagesUnread = (): Promise<void> => loadMessages();
