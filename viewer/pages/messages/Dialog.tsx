import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_EVENT_TYPES, MESSAGE_MAX_CHARS, MessageCreatedEvent, MessageText, messagesRoutes, type Conversation, type Message } from '@shared/protocol/messages';
import { guideLabelIn, sayPlatformText } from '@shared/protocol/platform-texts';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call, isFailure } from '../../client/api';
import { onLiveEvent, refreshMessagesUnread } from '../../client/live-store';
import { useSession } from '../../client/session-store';
import { currentLanguage } from '../../i18n/i18n';
import { ErrorNote } from '../ErrorNote';
import { guideActionPath } from './guide-actions';
import { mergeMessages } from './message-list';

/** One conversation: messages oldest at the top, new ones arriving live, a plain-text composer. */
export function Dialog({ conversationId, conversation }: Readonly<{ conversationId: string; conversation: Conversation | null }>) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const me = session.status === 'signed-in' ? session.user.id : null;
  const [messages, setMessages] = useState<Message[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef<string | null>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    call(messagesRoutes.listMessages, { params: { id: conversationId }, query: { limit: 50 } }).then((page) => setMessages((m) => mergeMessages(m, page.messages)), setError);
    return onLiveEvent((event) => {
      if (event.type !== MESSAGE_EVENT_TYPES.created) return;
      const data = MessageCreatedEvent.safeParse(event.data);
      if (data.success && data.data.conversationId === conversationId) setMessages((m) => mergeMessages(m, [data.data.message]));
    });
  }, [conversationId]);

  // What is on screen is read: the read mark follows the newest message from the other person.
  const newest = messages.at(-1);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
    if (!newest || newest.senderId === me) return;
    void call(messagesRoutes.markRead, { params: { id: conversationId }, body: { upToMessageId: newest.id } }).then(
      () => refreshMessagesUnread(),
      () => undefined,
    );
  }, [newest, conversationId, me]);

  const send = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = MessageText.safeParse(text);
    if (!checked.success) return setSendError(text.trim() === '' ? null : t('messages.tooLong'));
    key.current ??= `web-${crypto.randomUUID()}`;
    setSending(true);
    setSendError(null);
    try {
      const sent = await call(messagesRoutes.sendMessage, { params: { id: conversationId }, body: { text: checked.data, idempotencyKey: key.current } });
      setMessages((m) => mergeMessages(m, [sent]));
      setText('');
      key.current = null;
    } catch (e) {
      setSendError(
        isFailure(e, 'blocked', 'forbidden')
          ? t('messages.blocked')
          : isFailure(e, 'rate_limited')
            ? t('auth.errors.tooMany')
            : t('app.failed', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setSending(false);
    }
  };

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <section className="dialog" aria-label={conversation ? conversation.with.displayName : t('messages.title')}>
      <header className="dialog-head">
        <Link to={paths.messages()} className="back-link dialog-back">
          ← {t('messages.back')}
        </Link>
        {conversation ? (
          <Link to={paths.profile(conversation.with.handle)} className="dialog-name">
            {conversation.with.displayName} · @{conversation.with.handle}
          </Link>
        ) : null}
      </header>
      {error ? <ErrorNote error={error} /> : null}
      <ol className="message-list" aria-live="polite">
        {messages.length === 0 && !error ? <li className="empty">{t('messages.noMessages')}</li> : null}
        {messages.map((m) =>
          m.kind === 'system' ? (
            <li key={m.id} className="message system">
              <span className="tag">{t('messages.system')}</span>
              <p>{sayPlatformText(currentLanguage(), m)}</p>
              <div className="guide-actions">
                {m.actions.map((action) => {
                  const to = guideActionPath(action);
                  return to ? (
                    <Link key={`${action.kind}-${action.id}`} to={to} className="button-like">
                      {guideLabelIn(currentLanguage(), action)}
                    </Link>
                  ) : (
                    <button key={`${action.kind}-${action.id}`} type="button" disabled title={t('profile.soon')}>
                      {guideLabelIn(currentLanguage(), action)}
                    </button>
                  );
                })}
              </div>
              <time className="time">{time.format(m.at)}</time>
            </li>
          ) : (
            <li key={m.id} className={`message ${m.senderId === me ? 'mine' : 'theirs'}`}>
              <p>{m.text}</p>
              <time className="time">{time.format(m.at)}</time>
            </li>
          ),
        )}
        <div ref={end} />
      </ol>
      <form className="composer" onSubmit={(e) => void send(e)}>
        <textarea aria-label={t('messages.placeholder')} placeholder={t('messages.placeholder')} value={text} maxLength={MESSAGE_MAX_CHARS * 2} rows={1} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary" disabled={sending || text.trim() === ''}>
          {t('messages.send')}
        </button>
      </form>
      {sendError ? (
        <p className="form-error" role="alert">
          {sendError}
        </p>
      ) : null}
    </section>
  );
}
