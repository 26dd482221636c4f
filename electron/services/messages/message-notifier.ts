import type { MessageArrived } from '@shared/ipc/nouns/messages';
import type { Conversation, ConversationId, MessageId } from '@shared/protocol/messages';
import { sayPlatformText, type PlatformTextLanguage } from '@shared/protocol/platform-texts';
import type { Logger } from '../logger';

/** One desktop notification: what the OS shows. */
export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
}

/**
 * The desktop's notification centre, behind a seam so the decision of what to show runs under plain
 * Node: Electron's `Notification` in the desktop app (electron/main/desktop-notifier.ts), a recorder
 * in tests.
 */
export interface DesktopNotifier {
  show(notification: DesktopNotification, onClick: () => void): void;
}

export interface MessageNotifierOptions {
  readonly desktop: DesktopNotifier;
  /** The account's conversations (newest first), to name a message's sender. */
  readonly conversations: () => Promise<readonly Conversation[]>;
  /** Whether this conversation's dialog is on screen in a focused window: its messages are being read. */
  readonly isShowing: (conversationId: ConversationId) => boolean;
  /** A click on the notification: bring the studio forward on that conversation. */
  readonly open: (conversationId: ConversationId) => void;
  /** The interface language (the setting, or the system's): a system message is said in it. English when absent. */
  readonly language?: () => PlatformTextLanguage | Promise<PlatformTextLanguage>;
  readonly logger: Logger;
}

/** Bodies are cut here: a notification is a glimpse, the dialog has the rest. */
export const NOTIFICATION_BODY_MAX = 200;
/** Message ids remembered so a message replayed after a reconnect is not announced twice. */
const REMEMBERED = 500;

/**
 * Desktop notifications for new messages in the studio account's conversations (fed by
 * MessagesService's `messages.arrived`): one per message from someone else, titled with the
 * sender, the text as the body; none for the account's own messages (sent here or from another
 * device) and none while that conversation is on screen in a focused window.
 */
export class MessageNotifier {
  private readonly senders = new Map<ConversationId, Conversation['with']>();
  private readonly announced = new Set<MessageId>();

  constructor(private readonly options: Readonly<MessageNotifierOptions>) {}

  async arrived(event: MessageArrived): Promise<void> {
    const { conversationId, message } = event;
    if (event.mine || this.announced.has(message.id) || this.options.isShowing(conversationId)) return;
    this.remember(message.id);
    const sender = await this.sender(conversationId);
    // Checked again: the lookup may have taken a moment, in which the dialog was opened.
    if (this.options.isShowing(conversationId)) return;
    const text = sayPlatformText((await this.options.language?.()) ?? 'en', message);
    const body = text.length > NOTIFICATION_BODY_MAX ? `${text.slice(0, NOTIFICATION_BODY_MAX - 1)}…` : text;
    this.options.desktop.show({ title: sender ? `${sender.displayName} (@${sender.handle})` : 'Anchor Studio', body }, () => this.options.open(conversationId));
  }

  private remember(id: MessageId): void {
    this.announced.add(id);
    if (this.announced.size > REMEMBERED) this.announced.delete(this.announced.values().next().value!);
  }

  /** From the conversations seen before; a new conversation is on the first page, newest first. */
  private async sender(conversationId: ConversationId): Promise<Conversation['with'] | null> {
    const known = this.senders.get(conversationId);
    if (known) return known;
    try {
      for (const c of await this.options.conversations()) this.senders.set(c.id, c.with);
    } catch (error) {
      this.options.logger.warn('could not name the sender of a new message', { error });
    }
    return this.senders.get(conversationId) ?? null;
  }
}

/** Whether a studio page URL shows this conversation's dialog (the renderer's `/messages/<id>` route). */
export function showsConversation(pageUrl: string, conversationId: ConversationId): boolean {
  try {
    return new URL(pageUrl).pathname === `/messages/${encodeURIComponent(conversationId)}`;
  } catch {
    return false;
  }
}
