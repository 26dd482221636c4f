import type { MessageArrived } from '@shared/ipc/nouns/messages';
import { StudioFailure } from '@shared/ipc/result';
import type { EventEnvelope } from '@shared/protocol/events';
import { ConversationReadEvent, MESSAGE_EVENT_TYPES, MessageCreatedEvent, messagesRoutes, type Conversation, type ConversationPage, type Message, type MessagePage } from '@shared/protocol/messages';
import type { Logger } from '../logger';
import type { AccountState } from '../sync/account-client';
import { asFailure } from '../sync/platform-failure';
import { callSpec, type Out, type SpecInput } from '../sync/platform-http';
import { PlatformEventsClient } from '../sync/platform-events-client';

type Routes = typeof messagesRoutes;

/** What the service needs of the platform account (PlatformAccountClient): the token stays main-side. */
export interface MessagesAccount {
  token(): string | null;
  state(): AccountState;
  onChange(listener: (state: AccountState) => void): () => void;
}

export interface MessagesServiceOptions {
  /** The platform's origin; null when none could be started or configured. */
  readonly platformUrl: string | null;
  readonly account: MessagesAccount;
  /** Resolves once the stored session has been read. */
  readonly ready: Promise<void>;
  readonly onArrived: (event: MessageArrived) => void;
  readonly onUnread: (unreadCount: number) => void;
  readonly logger: Logger;
}

/**
 * The studio account's conversations on the platform: the routes for the Messages page, and the
 * account's `user:<id>` topic over the platform's events socket (resumed from the last event id
 * after a drop, restarted fresh when the account changes), relayed as `messages.arrived` and the
 * unread total. No polling.
 */
export class MessagesService {
  private events: PlatformEventsClient | null = null;
  private userId: string | null = null;
  private stopAccount: (() => void) | null = null;
  private closed = false;

  constructor(private readonly options: Readonly<MessagesServiceOptions>) {}

  start(): void {
    if (!this.options.platformUrl) return;
    void this.options.ready.then(() => {
      if (this.closed) return;
      this.follow(this.options.account.state());
      this.stopAccount = this.options.account.onChange((state) => this.follow(state));
    });
  }

  close(): void {
    this.closed = true;
    this.stopAccount?.();
    this.events?.stop();
    this.events = null;
  }

  conversations(cursor?: string): Promise<ConversationPage> {
    return this.call('listConversations', { query: cursor ? { cursor } : {} });
  }

  open(withHandle: string): Promise<Conversation> {
    return this.call('openConversation', { body: { withHandle } });
  }

  history(conversationId: string, cursor?: string): Promise<MessagePage> {
    return this.call('listMessages', { params: { id: conversationId }, query: cursor ? { cursor } : {} });
  }

  async send(conversationId: string, text: string, idempotencyKey: string): Promise<Message> {
    return this.call('sendMessage', { params: { id: conversationId }, body: { text, idempotencyKey } });
  }

  async read(conversationId: string, upToMessageId: string): Promise<{ unreadCount: number }> {
    const answer = await this.call('markRead', { params: { id: conversationId }, body: { upToMessageId } });
    void this.refreshUnread();
    return answer;
  }

  unread(): Promise<{ unreadCount: number }> {
    return this.call('unreadMessages');
  }

  /** One events socket per signed-in account; none while signed out. */
  private follow(state: AccountState): void {
    const userId = state.signedIn ? state.user.id : null;
    if (userId === this.userId && (this.events !== null) === (userId !== null)) return;
    this.events?.stop();
    this.events = null;
    this.userId = userId;
    if (!userId || this.closed) return;
    this.events = new PlatformEventsClient({
      platformUrl: () => this.options.platformUrl!,
      token: () => this.options.account.token(),
      topics: (signedInAs) => (signedInAs === userId ? [`user:${userId}`] : []),
      onEvent: () => undefined,
      onEnvelope: (envelope) => this.onEnvelope(userId, envelope),
      // A drop may have hidden messages and reads: the unread total is asked again on each connection.
      onConnected: () => void this.refreshUnread(),
      logger: this.options.logger.child('message-events'),
    });
    this.events.start();
  }

  private onEnvelope(userId: string, envelope: EventEnvelope): void {
    if (envelope.topic !== `user:${userId}`) return;
    if (envelope.type === MESSAGE_EVENT_TYPES.created) {
      const parsed = MessageCreatedEvent.safeParse(envelope.data);
      if (!parsed.success) return this.options.logger.warn('ignored a message event that does not match the protocol', { id: envelope.id });
      this.options.onArrived({ conversationId: parsed.data.conversationId, message: parsed.data.message, mine: parsed.data.message.senderId === userId });
      void this.refreshUnread();
    } else if (envelope.type === MESSAGE_EVENT_TYPES.read && ConversationReadEvent.safeParse(envelope.data).success) {
      void this.refreshUnread();
    }
  }

  private async refreshUnread(): Promise<void> {
    if (!this.userId) return;
    try {
      this.options.onUnread((await this.unread()).unreadCount);
    } catch (error) {
      this.options.logger.warn('unread count unavailable', { error });
    }
  }

  private async call<N extends keyof Routes>(name: N, input: SpecInput<Routes[N]> = {}): Promise<Out<Routes[N]>> {
    if (!this.options.platformUrl) throw new StudioFailure('unavailable', { key: 'platform.notConfigured' });
    const token = this.options.account.token();
    if (!token) throw new StudioFailure('unauthorized', { key: 'messages.signIn' });
    try {
      return await callSpec({ baseUrl: this.options.platformUrl, token: () => token }, messagesRoutes[name], name, input);
    } catch (error) {
      throw asFailure(error);
    }
  }
}
