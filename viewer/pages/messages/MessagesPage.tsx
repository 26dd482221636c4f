import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messagesRoutes, type Conversation } from '@shared/protocol/messages';
import { sayPlatformText } from '@shared/protocol/platform-texts';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { onLiveEvent } from '../../client/live-store';
import { currentLanguage } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { initials } from '../video/VideoPage';
import { Dialog } from './Dialog';

/** Conversations (with unread counts), and the open one beside them on a wide screen. */
export function MessagesPage({ conversationId }: Readonly<{ conversationId: string | null }>) {
  const { t, i18n } = useTranslation();
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    call(messagesRoutes.listConversations, { query: { limit: 50 } }).then((page) => setConversations(page.conversations), setError);
  }, [generation]);
  // A new message or a read mark anywhere: the list (order, last message, counts) is read again.
  useEffect(() => onLiveEvent((event) => (event.type.startsWith('message.') || event.type.startsWith('conversation.') ? setGeneration((g) => g + 1) : undefined)), []);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const unavailable = isFailure(error, 'not_found');

  return (
    <main className={`page messages-page${conversationId ? ' has-dialog' : ''}`}>
      <section className="conversation-list" aria-label={t('messages.title')}>
        <h1 className="page-title">{t('messages.title')}</h1>
        {unavailable ? <p className="empty">{t('messages.unavailable')}</p> : error ? <ErrorNote error={error} onRetry={() => setGeneration((g) => g + 1)} /> : null}
        {conversations?.length === 0 ? <p className="empty">{t('messages.empty')}</p> : null}
        <ul>
          {conversations?.map((c) => (
            <li key={c.id}>
              <Link to={paths.messages(c.id)} className="conversation-row" aria-current={c.id === conversationId ? 'page' : undefined}>
                <span className="avatar small" aria-hidden="true">
                  {initials(c.with.displayName)}
                </span>
                <span className="conversation-text">
                  <span className="conversation-name">{c.with.displayName}</span>
                  <span className="conversation-last">{c.lastMessage ? sayPlatformText(currentLanguage(), c.lastMessage) : ''}</span>
                </span>
                <span className="conversation-meta">
                  {c.lastMessage ? <span className="time">{time.format(c.lastMessage.at)}</span> : null}
                  {c.unreadCount > 0 ? (
                    <span className="count" aria-label={t('messages.unread', { count: c.unreadCount })}>
                      {c.unreadCount}
                    </span>
                  ) : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {conversationId ? <Dialog key={conversationId} conversationId={conversationId} conversation={conversations?.find((c) => c.id === conversationId) ?? null} /> : null}
    </main>
  );
}
