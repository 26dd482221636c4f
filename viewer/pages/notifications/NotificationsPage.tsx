import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_EVENT_TYPES, NotificationCreatedEvent, notificationsRoutes, type Notification } from '@shared/protocol/notifications';
import { sayPlatformText } from '@shared/protocol/platform-texts';
import { navigate } from '../../app/router';
import { call, isFailure } from '../../client/api';
import { onLiveEvent, setNotificationsUnread } from '../../client/live-store';
import { prependItem, appendPage, emptyPaged, type Paged } from '../../client/pages';
import { currentLanguage } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { notificationPath } from '../messages/guide-actions';

/** The bell's list: newest first, new ones arrive live; opening one marks it read and goes to its target. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<Paged<Notification>>(emptyPaged);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call(notificationsRoutes.listNotifications, { query: { limit: 50 } }).then((page) => {
      setList((l) => appendPage(l, { items: page.notifications, nextCursor: page.nextCursor }));
      setNotificationsUnread(page.unreadCount);
    }, setError);
    return onLiveEvent((event) => {
      if (event.type !== NOTIFICATION_EVENT_TYPES.created) return;
      const data = NotificationCreatedEvent.safeParse(event.data);
      if (data.success) setList((l) => prependItem(l, data.data.notification));
    });
  }, []);

  const open = async (n: Notification): Promise<void> => {
    if (!n.read) {
      const answer = await call(notificationsRoutes.markNotificationsRead, { body: { ids: [n.id] } }).catch(() => null);
      if (answer) setNotificationsUnread(answer.unreadCount);
      setList((l) => ({ ...l, items: l.items.map((x) => (x.id === n.id ? { ...x, read: true } : x)) }));
    }
    const to = notificationPath(n.target);
    if (to) navigate(to);
  };
  const markAll = async (): Promise<void> => {
    const answer = await call(notificationsRoutes.markNotificationsRead, { body: { all: true } }).catch(() => null);
    if (answer) setNotificationsUnread(answer.unreadCount);
    setList((l) => ({ ...l, items: l.items.map((x) => ({ ...x, read: true })) }));
  };
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="page notifications-page">
      <div className="title-row">
        <h1 className="page-title">{t('notifications.title')}</h1>
        {list.items.some((n) => !n.read) ? (
          <button type="button" className="plain" onClick={() => void markAll()}>
            {t('notifications.markAll')}
          </button>
        ) : null}
      </div>
      {isFailure(error, 'not_found') ? <p className="empty">{t('notifications.unavailable')}</p> : error ? <ErrorNote error={error} /> : null}
      {list.started && list.items.length === 0 ? <p className="empty">{t('notifications.empty')}</p> : null}
      <ul className="notification-list">
        {list.items.map((n) => (
          <li key={n.id}>
            <button type="button" className={`notification${n.read ? '' : ' unread'}`} onClick={() => void open(n)}>
              <span className="notification-text">{sayPlatformText(currentLanguage(), n)}</span>
              <time className="time">{time.format(n.at)}</time>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
