import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, ConversationId, Message } from '@shared/protocol/messages';
import { sayPlatformText } from '@shared/protocol/platform-texts';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { formatDate } from '../../components/format';
import { currentLanguage } from '../../i18n/i18n';
import { useAccount } from '../../publishing/account-store';
import { GuideActions } from './GuideActions';
import { messagesStore, notifiesInMain, useConversations } from './messages-store';
import './messages.css';
import { SignedOutNote } from '../../components/SignedOutNote';

/** `/messages[/<conversationId>]`: the studio account's conversations on the platform, live. */
export function MessagesPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const { conversations, loaded, error } = useConversations();
  const openId = useRouteId('messages');
  const open = conversations.find((c) => c.id === openId) ?? null;

  return (
    <section className="page messages-page" aria-labelledby="messages-title">
      <header className="page__header">
        <div>
          <h1 id="messages-title">{t('messages.title')}</h1>
          <p className="page__subtitle">{t('messages.subtitle')}</p>
        </div>
        <NotificationsButton />
      </header>
      {account && !account.signedIn ? (
        <SignedOutNote message={t('messages.signedOut')} action={t('messages.goToSettings')} />
      ) : (
        <div className="messages-body">
          <nav className="messages-list" aria-label={t('messages.conversations')}>
            <NewConversation />
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            {loaded && conversations.length === 0 && !error ? <p className="messages-note">{t('messages.none')}</p> : null}
            <ul>
              {conversations.map((c) => (
                <li key={c.id}>
                  <ConversationRow conversation={c} active={c.id === openId} />
                </li>
              ))}
            </ul>
          </nav>
          {open ? <Dialog key={open.id} conversation={open} /> : <p className="messages-note messages-dialog--empty">{t('messages.choose')}</p>}
        </div>
      )}
    </section>
  );
}

function ConversationRow({ conversation: c, active }: Readonly<{ conversation: Conversation; active: boolean }>) {
  const { t } = useTranslation();
  const last = c.lastMessage;
  const said = last ? sayPlatformText(currentLanguage(), last) : '';
  const preview = last ? (last.senderId === c.with.id ? said : t('messages.you', { text: said })) : t('messages.noMessagesYet');
  return (
    <button type="button" className={active ? 'messages-row is-active' : 'messages-row'} aria-current={active ? 'true' : undefined} onClick={() => navigate(paths.messages(c.id))}>
      <span className="messages-row__who">
        <strong>{c.with.displayName}</strong> <span className="messages-row__handle">@{c.with.handle}</span>
      </span>
      <span className="messages-row__preview">{preview}</span>
      {c.unreadCount > 0 ? (
        <span className="messages-row__unread" data-unread={c.unreadCount}>
          {t('messages.unread', { count: c.unreadCount })}
        </span>
      ) : null}
    </button>
  );
}

function NewConversation() {
  const { t } = useTranslation();
  const [handle, setHandle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    const result = await messagesStore.open(handle.trim().replace(/^@/, ''));
    if (!result.ok) return setError(result.error.message);
    setHandle('');
    await messagesStore.refresh();
    navigate(paths.messages(result.value.id));
  };
  return (
    <form className="messages-new" onSubmit={(e) => void submit(e)} aria-label={t('messages.newConversation')}>
      <label>
        <span className="studio-sr-only">{t('messages.handle')}</span>
        <input type="text" value={handle} placeholder="@handle" onChange={(e) => setHandle(e.target.value)} aria-label={t('messages.handle')} aria-invalid={error !== null} />
      </label>
      <button type="submit" className="button" disabled={handle.trim() === ''}>
        {t('messages.start')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** One conversation: its messages (oldest first), new ones as they arrive, and the reply box. */
function Dialog({ conversation }: Readonly<{ conversation: Conversation }>) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<readonly Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const id: ConversationId = conversation.id;

  useEffect(() => {
    let live = true;
    messagesStore.showing(id);
    const add = (m: Message): void => setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m]));
    const stop = messagesStore.onArrived(id, (event) => live && add(event.message));
    void messagesStore.history(id).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      // The page is newest first; a message that arrived meanwhile is kept.
      setMessages((arrived) => [...[...r.value.messages].reverse().filter((m) => !arrived.some((a) => a.id === m.id)), ...arrived]);
    });
    return () => {
      live = false;
      stop();
      messagesStore.showing(null);
    };
  }, [id]);

  // What is on screen is read: mark up to the newest message from the other side.
  const newestTheirs = [...messages].reverse().find((m) => m.senderId === conversation.with.id) ?? null;
  useEffect(() => {
    if (newestTheirs && conversation.unreadCount > 0) void messagesStore.read(id, newestTheirs.id);
  }, [id, newestTheirs, conversation.unreadCount]);
  useEffect(() => {
    // A block: newer Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);

  const send = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (text.trim() === '' || sending) return;
    setSending(true);
    setError(null);
    const result = await messagesStore.send(id, text);
    setSending(false);
    if (!result.ok) return setError(t('messages.sendFailed', { message: result.error.message }));
    setText('');
    setMessages((list) => (list.some((x) => x.id === result.value.id) ? list : [...list, result.value]));
  };

  return (
    <section className="messages-dialog" aria-label={t('messages.dialog', { handle: conversation.with.handle })}>
      <ol className="messages-thread" aria-live="polite">
        {messages.map((m) => {
          const theirs = m.senderId === conversation.with.id;
          return (
            <li
              key={m.id}
              className={`messages-bubble ${m.kind === 'system' ? 'messages-bubble--system' : theirs ? 'messages-bubble--theirs' : 'messages-bubble--mine'}`}
              aria-label={m.kind === 'system' ? t('messages.system') : theirs ? t('messages.from', { handle: conversation.with.handle }) : t('messages.fromYou')}
            >
              {/* Plain text, never HTML: React escapes it. */}
              <p>{sayPlatformText(currentLanguage(), m)}</p>
              {m.kind === 'system' ? <GuideActions actions={m.actions} /> : null}
              <time dateTime={new Date(m.at).toISOString()}>{formatDate(m.at)}</time>
            </li>
          );
        })}
      </ol>
      <div ref={end} />
      <form className="messages-reply" onSubmit={(e) => void send(e)}>
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={t('messages.write')}
          maxLength={2000}
          rows={2}
          onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && (e.preventDefault(), void send(e))}
        />
        <button type="submit" className="button button--primary" disabled={sending || text.trim() === ''}>
          {t('messages.send')}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The browser-hosted studio asks before showing desktop notifications; the desktop app need not. */
function NotificationsButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() => (notifiesInMain() || typeof Notification === 'undefined' ? 'granted' : Notification.permission));
  if (permission === 'granted') return null;
  if (permission === 'denied') return <p className="messages-note">{t('messages.notificationsBlocked')}</p>;
  return (
    <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('messages.allowNotifications')}
    </button>
  );
}
