import { z } from 'zod';
import { Handle } from '../../protocol/auth';
import { Conversation, ConversationId, ConversationPage, Message, MessageId, MessagePage, MessageText } from '../../protocol/messages';
import { IdempotencyKey } from '../../protocol/videos';
import { event, eventFor, method, noun } from '../define';

/** A new message in one of the account's conversations (the platform's `message.created` on `user:<id>`). */
export const MessageArrived = z.object({ conversationId: ConversationId, message: Message, /** The studio account's own message (sent here or elsewhere). */ mine: z.boolean() });
export type MessageArrived = z.output<typeof MessageArrived>;

/**
 * The studio account's conversations on the platform (issue 11, studio side). Main holds the
 * session; the renderer lists, reads and sends through these and hears new messages live.
 */
export const messages = noun({
  methods: {
    conversations: method(z.object({ cursor: z.string().max(120).optional() }), ConversationPage),
    open: method(z.object({ withHandle: Handle }), Conversation),
    history: method(z.object({ conversationId: ConversationId, cursor: z.string().max(20).optional() }), MessagePage),
    /** `idempotencyKey` once per message: a retry answers the first message. */
    send: method(z.object({ conversationId: ConversationId, text: MessageText, idempotencyKey: IdempotencyKey }), Message),
    read: method(z.object({ conversationId: ConversationId, upToMessageId: MessageId }), z.object({ unreadCount: z.number().int().nonnegative() })),
    /** Unread messages over all conversations (the rail's badge). */
    unread: method(z.undefined(), z.object({ unreadCount: z.number().int().nonnegative() })),
  },
  events: {
    /** Subscribe with `{ conversationId }` for one dialog; without one, every conversation (the list). */
    arrived: eventFor(MessageArrived, z.object({ conversationId: ConversationId }), (arg, e) => e.conversationId === arg.conversationId),
    /** The unread total changed (a message arrived, a conversation was read here or elsewhere). */
    unread: event(z.object({ unreadCount: z.number().int().nonnegative() })),
  },
});
