import type { MessageArrived } from '@shared/ipc/nouns/messages';
import type { Result } from '@shared/ipc/result';
import type { Conversation, ConversationId, Message, MessageId } from '@shared/protocol/messages';
import { sayPlatformText } from '@shared/protocol/platform-texts';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';
import { currentLanguage, t } from '../../i18n/i18n';

/** Unread messages over all conversations: the rail's badge. Read once, then from `messages.unread`. */
const unread = syncedStore<number>(0, (store) => {
  const client = studioClient();
  void client.messages.unread().then((r) => r.ok && store.set(r.value.unreadCount));
  client.on('messages.unread', ({ unreadCount }) => store.set(unreadCount));
  client.on('account.changed', (view) => (view.signedIn ? void client.messages.unread().then((r) => r.ok && store.set(r.value.unreadCount)) : store.set(0)));
  client.on('messages.arrived', (event) => void notifyDesktop(event));
});

export interface ConversationsState {
  readonly conversations: readonly Conversation[];
  readonly loaded: boolean;
  readonly error: string | null;
}

/** The conversation list, newest first; reloaded when a message arrives in any of them. */
const list = syncedStore<ConversationsState>({ conversations: [], loaded: false, error: null }, () => {
  const client = studioClient();
  client.on('messages.arrived', () => void refresh());
  client.on('account.changed', () => void refresh());
  void refresh();
});

let generation = 0;
async function refresh(): Promise<void> {
  const mine = ++generation;
  const result = await studioClient().messages.conversations({});
  if (mine !== generation) return;
  list.set(result.ok ? { conversations: result.value.conversations, loaded: true, error: null } : { ...list.get(), loaded: true, error: result.error.message });
}

/** The conversation being shown, so a desktop notification is not raised for what the user is reading. */
let showing: ConversationId | null = null;

export const messagesStore = {
  refresh,
  open: (withHandle: string): Promise<Result<Conversation>> => studioClient().messages.open({ withHandle }),
  history: (conversationId: ConversationId) => studioClient().messages.history({ conversationId }),
  send: (conversationId: ConversationId, text: string): Promise<Result<Message>> => studioClient().messages.send({ conversationId, text, idempotencyKey: newKey() }),
  read: async (conversationId: ConversationId, upToMessageId: MessageId): Promise<void> => {
    const result = await studioClient().messages.read({ conversationId, upToMessageId });
    if (result.ok) list.update((s) => ({ ...s, conversations: s.conversations.map((c) => (c.id === conversationId ? { ...c, unreadCount: result.value.unreadCount } : c)) }));
  },
  /** New messages in one conversation; returns the unsubscribe. */
  onArrived: (conversationId: ConversationId, listener: (event: MessageArrived) => void): (() => void) => studioClient().on('messages.arrived', listener, { conversationId }),
  showing(conversationId: ConversationId | null): void {
    showing = conversationId;
  },
};

export const useUnreadMessages = (): number => useStore(unread);
export const useConversations = (): ConversationsState => useStore(list);

/** One key per message, so a retried send is the same message on the platform. */
const newKey = (): string => `studio-${crypto.randomUUID()}`;

/** The desktop app's main process shows new messages as system notifications itself (electron/main/desktop-notifier.ts). */
export const notifiesInMain = (): boolean => studioClient().host === 'electron';

/**
 * Desktop notifications for messages from others in the browser-hosted studio: the Web
 * Notifications API, after the user allowed it (Messages → "Allow desktop notifications"). Not for
 * the conversation on screen.
 */
async function notifyDesktop(event: MessageArrived): Promise<void> {
  if (event.mine || notifiesInMain() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const onScreen = (): boolean => showing === event.conversationId && document.visibilityState === 'visible' && document.hasFocus();
  if (onScreen()) return;
  const find = (conversations: readonly Conversation[]) => conversations.find((c) => c.id === event.conversationId)?.with;
  // A first message opens a conversation the list has not loaded yet: ask for the list as it is now.
  let sender = find(list.get().conversations);
  if (!sender) {
    const fresh = await studioClient().messages.conversations({});
    sender = fresh.ok ? find(fresh.value.conversations) : undefined;
    if (onScreen()) return;
  }
  const note = new Notification(t('messages.notificationTitle', { name: sender ? `@${sender.handle}` : t('messages.someone') }), {
    body: sayPlatformText(currentLanguage(), event.message).slice(0, 200),
    tag: event.conversationId,
  });
  note.onclick = () => {
    window.focus();
    navigate(paths.messages(event.conversationId));
  };
}
