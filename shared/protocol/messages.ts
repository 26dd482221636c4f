import { z } from 'zod';
import { Handle } from './auth';
import { UserId } from './ids';
import { PlatformText } from './platform-texts';
import type { RouteSpec } from './routes';
import { IdempotencyKey } from './videos';

export const ConversationId = z
  .string()
  .regex(/^cnv_[0-9a-z]{10,40}$/, 'not a conversation id')
  .brand<'ConversationId'>();
export type ConversationId = z.output<typeof ConversationId>;

export const MessageId = z
  .string()
  .regex(/^msg_[0-9a-z]{10,40}$/, 'not a message id')
  .brand<'MessageId'>();
export type MessageId = z.output<typeof MessageId>;

export const MESSAGE_MAX_CHARS = 2000;
/** C0 controls other than tab and newline, DEL, and the bidi overrides/isolates that can disguise text. */
export function hasForbiddenChars(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

/**
 * A message's text: plain text (clients render it as text, never as HTML), 1 to 2,000 characters
 * counted as code points after trimming the ends, no control characters but tab and newline.
 */
export const MessageText = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'A message cannot be empty')
      .refine((s) => [...s].length <= MESSAGE_MAX_CHARS, `A message has at most ${MESSAGE_MAX_CHARS} characters`)
      .refine((s) => !hasForbiddenChars(s), 'A message is plain text without control characters'),
  );

/** What a guide item opens: the viewer app and the studio map each kind to a page. */
export const GuideActionKind = z.enum(['order', 'gift', 'video', 'comment']);
export type GuideActionKind = z.output<typeof GuideActionKind>;

/** A typed action on a system message, rendered as a button ("Details", "Comment", "Watch"). */
export const GuideAction = z.object({
  kind: GuideActionKind,
  /** The id of the order, gift, video or comment it opens. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'An action id is 1 to 100 letters, digits, _ or -'),
  label: z.string().trim().min(1, 'An action needs a label').max(40),
});
export type GuideAction = z.output<typeof GuideAction>;
export const MAX_GUIDE_ACTIONS = 4;

/** `text`: written by a participant. `system`: posted by a platform feature (an order update…) with guide actions. */
export const MessageKind = z.enum(['text', 'system']);
export type MessageKind = z.output<typeof MessageKind>;

export const Message = z.object({
  id: MessageId,
  conversationId: ConversationId,
  kind: MessageKind,
  /** The participant it comes from (for a system message: the participant whose action caused it). */
  senderId: UserId,
  text: z.string(),
  /** A system message's sentence as key and parameters (shared/protocol/platform-texts.ts), for clients to say in their language; null for a participant's words. */
  textKey: PlatformText.nullable(),
  actions: z.array(GuideAction),
  at: z.number().int(),
});
export type Message = z.output<typeof Message>;

export const Participant = z.object({ id: UserId, handle: z.string(), displayName: z.string() });
export type Participant = z.output<typeof Participant>;

/** One conversation as the caller sees it: the other participant, the newest message and what the caller has not read. */
export const Conversation = z.object({
  id: ConversationId,
  with: Participant,
  lastMessage: Message.nullable(),
  /** Messages from the other participant after the caller's read mark. */
  unreadCount: z.number().int().nonnegative(),
  /** Whether the caller has blocked the other participant. */
  blocked: z.boolean(),
  createdAt: z.number().int(),
  /** The newest message's time, or createdAt: the list's order. */
  updatedAt: z.number().int(),
});
export type Conversation = z.output<typeof Conversation>;

export const PAGE_MAX = 100;
const pageLimit = z.coerce.number().int().min(1).max(PAGE_MAX).default(30);
const seqCursor = z.string().regex(/^[0-9]{1,18}$/, 'not a cursor');

export const CreateConversationRequest = z.object({ withHandle: Handle });
export const ConversationParams = z.object({ id: ConversationId });
export const ListConversationsQuery = z.object({
  limit: pageLimit,
  /** The `nextCursor` of the previous page (`<updatedAt>.<id>`). */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}\.cnv_[0-9a-z]{10,40}$/, 'not a conversations cursor')
    .optional(),
});
export const ConversationPage = z.object({ conversations: z.array(Conversation), nextCursor: z.string().nullable() });
export type ConversationPage = z.output<typeof ConversationPage>;

export const ListMessagesQuery = z.object({ limit: pageLimit, /** Newest first; the `nextCursor` of the previous page. */ cursor: seqCursor.optional() });
export const MessagePage = z.object({ messages: z.array(Message), nextCursor: z.string().nullable() });
export type MessagePage = z.output<typeof MessagePage>;

export const SendMessageRequest = z.object({
  text: MessageText,
  /** Chosen by the client once per message: a retry with the same key and text answers the first message. */
  idempotencyKey: IdempotencyKey,
});
export type SendMessageRequest = z.input<typeof SendMessageRequest>;

export const ReadMarkRequest = z.object({ upToMessageId: MessageId });
export const UnreadCount = z.object({ unreadCount: z.number().int().nonnegative() });
export type UnreadCount = z.output<typeof UnreadCount>;

export const BlockRequest = z.object({ handle: Handle });
export const BlockParams = z.object({ handle: Handle });
export const BlockList = z.object({ blocked: z.array(Participant) });
export type BlockList = z.output<typeof BlockList>;

/** Events on the participants' `user:<id>` topics. */
export const MessageCreatedEvent = z.object({ conversationId: ConversationId, message: Message });
export const ConversationReadEvent = z.object({ conversationId: ConversationId, unreadCount: z.number().int().nonnegative() });
export const MESSAGE_EVENT_TYPES = { created: 'message.created', read: 'conversation.read' } as const;

const spec = <S extends RouteSpec>(s: S): S => s;

/** Messages and the block list (relative to API_PREFIX). */
export const messagesRoutes = {
  openConversation: spec({
    method: 'POST',
    path: '/conversations',
    auth: 'required',
    status: 200,
    body: CreateConversationRequest,
    response: Conversation,
    summary: 'The one conversation between the caller and a handle (made on first use)',
  }),
  listConversations: spec({
    method: 'GET',
    path: '/conversations',
    auth: 'required',
    status: 200,
    query: ListConversationsQuery,
    response: ConversationPage,
    summary: 'The caller’s conversations, most recent first, with the last message and unread count',
  }),
  unreadMessages: spec({ method: 'GET', path: '/conversations/unread-count', auth: 'required', status: 200, response: UnreadCount, summary: 'Unread messages over all the caller’s conversations' }),
  getConversation: spec({
    method: 'GET',
    path: '/conversations/:id',
    auth: 'required',
    status: 200,
    params: ConversationParams,
    response: Conversation,
    summary: 'One conversation (participants only)',
  }),
  listMessages: spec({
    method: 'GET',
    path: '/conversations/:id/messages',
    auth: 'required',
    status: 200,
    params: ConversationParams,
    query: ListMessagesQuery,
    response: MessagePage,
    summary: 'A conversation’s messages, newest first (participants only)',
  }),
  sendMessage: spec({
    method: 'POST',
    path: '/conversations/:id/messages',
    auth: 'required',
    status: 201,
    params: ConversationParams,
    body: SendMessageRequest,
    response: Message,
    summary: 'Send a plain-text message (idempotent per key; rate-limited per sender)',
  }),
  markRead: spec({
    method: 'POST',
    path: '/conversations/:id/read',
    auth: 'required',
    status: 200,
    params: ConversationParams,
    body: ReadMarkRequest,
    response: UnreadCount,
    summary: 'Mark the conversation read up to a message',
  }),
  listBlocks: spec({ method: 'GET', path: '/blocks', auth: 'required', status: 200, response: BlockList, summary: 'Accounts the caller has blocked' }),
  block: spec({ method: 'POST', path: '/blocks', auth: 'required', status: 204, body: BlockRequest, summary: 'Block an account: its messages to the caller are refused' }),
  unblock: spec({ method: 'DELETE', path: '/blocks/:handle', auth: 'required', status: 204, params: BlockParams, summary: 'Unblock an account' }),
} as const;
