import { z } from 'zod';
import type { UserId } from '@shared/protocol/ids';
import {
  GuideAction,
  MAX_GUIDE_ACTIONS,
  MESSAGE_EVENT_TYPES,
  MessageText,
  type BlockList,
  type Conversation,
  type ConversationId,
  type ConversationPage,
  type Message,
  type MessageId,
  type MessageKind,
  type MessagePage,
  type Participant,
} from '@shared/protocol/messages';
import { GUIDE_LABELS, PlatformText, parsePlatformText, platformTextIn } from '@shared/protocol/platform-texts';
import { toSafeInteger } from '../../kernel/db/numbers';
import type { EventLog } from '../../kernel/events/event-log';
import { ApiError } from '../../kernel/http/api-error';
import { newId } from '../../kernel/ids';
import { messagesDb, type ConversationsTable, type MessagesExecutor, type MessagesTable } from './schema';
import { SendLimiter, type SendLimit } from './send-limiter';

/** The conversation of two accounts, as another feature needs it. */
export interface ConversationRef {
  readonly id: ConversationId;
  /** The two participants' user ids, in id order. */
  readonly participants: readonly [string, string];
  readonly createdAt: number;
}

/** A message a platform feature posts into the conversation of `from` and `to` (an order update, a gift). */
export interface SystemMessageInput {
  /** The participant whose action caused it (the buyer who ordered, the creator who delivered). */
  readonly from: string;
  readonly to: string;
  /** The sentence as key and parameters (shared/protocol/platform-texts.ts): stored with its English, 1 to 2,000 characters. */
  readonly said: PlatformText;
  /** Guide items, rendered as buttons labelled by their kind (GUIDE_LABELS.en in English); at most 4. */
  readonly actions: readonly { readonly kind: 'order' | 'gift' | 'video' | 'comment'; readonly id: string }[];
  /** Optional: the same key from the same `from` posts once (a retried job); the first message is returned. */
  readonly idempotencyKey?: string;
}

/**
 * What other features use, always inside their own transaction (`trx`), so the message and its
 * events exist if and only if the caller's change commits. Both participants hear it on their
 * `user:<id>` topic (`message.created`). Block lists do not stop system messages: they are the
 * platform's word about an order or a gift, not the other person's.
 */
export type SystemMessages = Pick<MessagesService, 'conversationBetween' | 'postSystemMessage'>;

/** The accounts feature's users, as this feature needs them. */
export interface MessagesDeps {
  readonly db: MessagesExecutor;
  readonly events: Pick<EventLog, 'publish'>;
  readonly now: () => number;
  /** Per-sender limit on participants' messages (default 30 a minute). */
  readonly sendLimit?: SendLimit;
  /** Runs work in one transaction (joining the caller's when given one). */
  readonly transaction: <T>(work: (trx: MessagesExecutor) => Promise<T>) => Promise<T>;
}

const SystemActions = z.array(GuideAction).max(MAX_GUIDE_ACTIONS);

type MessageRow = Pick<MessagesTable, 'id' | 'conversation_id' | 'position' | 'sender_id' | 'kind' | 'text' | 'text_key' | 'actions' | 'created_at'>;

const toMessage = (row: MessageRow): Message => ({
  id: row.id as MessageId,
  conversationId: row.conversation_id as ConversationId,
  kind: row.kind as MessageKind,
  senderId: row.sender_id as UserId,
  text: row.text,
  textKey: parsePlatformText(row.text_key),
  actions: JSON.parse(row.actions) as GuideAction[],
  at: toSafeInteger(row.created_at),
});

const pair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
const otherOf = (c: Pick<ConversationsTable, 'user_low' | 'user_high'>, me: string): string => (c.user_low === me ? c.user_high : c.user_low);

/**
 * Conversations between two accounts and their messages. Unread counts are counted, not cached:
 * messages from the other participant after the caller's read mark. Positions within a
 * conversation are taken under the conversation row's lock, so concurrent sends get distinct,
 * in-order positions and each event's unread count is exact.
 */
export class MessagesService {
  private readonly limiter: SendLimiter;

  constructor(private readonly deps: MessagesDeps) {
    this.limiter = new SendLimiter(deps.now, deps.sendLimit);
  }

  /** The one conversation of two accounts, made on first use (idempotent, also under races). */
  async conversationBetween(trx: MessagesExecutor, userA: string, userB: string): Promise<ConversationRef> {
    if (userA === userB) throw new ApiError('bad_request', 'A conversation is between two different accounts');
    const db = messagesDb(trx);
    const [low, high] = pair(userA, userB);
    const at = this.deps.now();
    const id = newId('cnv');
    await db
      .insertInto('conversations')
      .values({ id, user_low: low, user_high: high, last_position: 0, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['user_low', 'user_high']).doNothing())
      .execute();
    const row = await db.selectFrom('conversations').select(['id', 'created_at']).where('user_low', '=', low).where('user_high', '=', high).executeTakeFirstOrThrow();
    if (row.id === id) {
      await db
        .insertInto('conversation_members')
        .values([
          { conversation_id: id, user_id: low, read_position: 0 },
          { conversation_id: id, user_id: high, read_position: 0 },
        ])
        .execute();
    }
    return { id: row.id as ConversationId, participants: [low, high], createdAt: toSafeInteger(row.created_at) };
  }

  /** Posts a system message with guide actions into the conversation of `from` and `to`, inside the caller's transaction. */
  async postSystemMessage(trx: MessagesExecutor, input: SystemMessageInput): Promise<Message> {
    const said = PlatformText.parse(input.said) as PlatformText;
    const text = MessageText.parse(platformTextIn('en', said));
    const actions = SystemActions.parse(input.actions.map((a) => ({ kind: a.kind, id: a.id, label: GUIDE_LABELS.en[a.kind] })));
    const conversation = await this.conversationBetween(trx, input.from, input.to);
    const key = input.idempotencyKey === undefined ? null : `system:${input.idempotencyKey}`;
    if (key !== null) {
      const first = await this.byKey(trx, input.from, key);
      if (first) return toMessage(first);
    }
    const written = await this.append(trx, conversation.id, { senderId: input.from, kind: 'system', text, textKey: JSON.stringify(said), actions, key });
    if (written === 'conflict') return toMessage((await this.byKey(trx, input.from, key!))!);
    return written;
  }

  /** The caller opens (or finds) the conversation with a handle. */
  async open(callerId: string, withHandle: string): Promise<Conversation> {
    const db = messagesDb(this.deps.db);
    const other = await db.selectFrom('users').select('id').where('handle', '=', withHandle).executeTakeFirst();
    if (!other) throw new ApiError('not_found', `No account @${withHandle}`);
    if (other.id === callerId) throw new ApiError('bad_request', 'You cannot message yourself');
    const ref = await this.deps.transaction((trx) => this.conversationBetween(trx, callerId, other.id));
    return (await this.get(callerId, ref.id))!;
  }

  /** One conversation as the caller sees it; null when it does not exist or the caller is not in it (routes answer 404 either way). */
  async get(callerId: string, conversationId: string): Promise<Conversation | null> {
    const row = await this.memberConversation(callerId, conversationId);
    if (!row) return null;
    const [view] = await this.views(callerId, [row]);
    return view ?? null;
  }

  /** The caller's conversations, most recently active first. */
  async list(callerId: string, page: Readonly<{ limit: number; cursor?: string | undefined }>): Promise<ConversationPage> {
    const db = messagesDb(this.deps.db);
    let query = db
      .selectFrom('conversations as c')
      .innerJoin('conversation_members as cm', 'cm.conversation_id', 'c.id')
      .select(['c.id', 'c.user_low', 'c.user_high', 'c.last_position', 'c.created_at', 'c.updated_at', 'cm.read_position'])
      .where('cm.user_id', '=', callerId)
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) {
      const dot = page.cursor.indexOf('.');
      const at = Number(page.cursor.slice(0, dot));
      const id = page.cursor.slice(dot + 1);
      query = query.where((eb) => eb.or([eb('c.updated_at', '<', at), eb.and([eb('c.updated_at', '=', at), eb('c.id', '<', id)])]));
    }
    const rows = await query.execute();
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    return { conversations: await this.views(callerId, shown), nextCursor: rows.length > page.limit && last ? `${toSafeInteger(last.updated_at)}.${last.id}` : null };
  }

  /** A conversation's messages, newest first; null when the caller is not a participant. */
  async messages(callerId: string, conversationId: string, page: Readonly<{ limit: number; cursor?: string | undefined }>): Promise<MessagePage | null> {
    if (!(await this.memberConversation(callerId, conversationId))) return null;
    let query = messagesDb(this.deps.db)
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'position', 'sender_id', 'kind', 'text', 'text_key', 'actions', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('position', 'desc')
      .limit(page.limit + 1);
    if (page.cursor !== undefined) query = query.where('position', '<', Number(page.cursor));
    const rows = await query.execute();
    const shown = rows.slice(0, page.limit);
    return { messages: shown.map(toMessage), nextCursor: rows.length > page.limit && shown.length ? String(toSafeInteger(shown.at(-1)!.position)) : null };
  }

  /**
   * A participant's plain-text message. The same idempotency key with the same text answers the
   * first message (`replayed`); with another text → 409. Refused when either side blocked the other,
   * and past the per-sender rate limit (429).
   */
  async send(callerId: string, conversationId: string, input: Readonly<{ text: string; idempotencyKey: string }>): Promise<{ message: Message; replayed: boolean }> {
    const conversation = await this.memberConversation(callerId, conversationId);
    if (!conversation) throw new ApiError('not_found', 'No such conversation');
    const text = MessageText.parse(input.text);
    const first = await this.byKey(this.deps.db, callerId, input.idempotencyKey);
    if (first) return { message: this.replay(first, conversationId, text), replayed: true };
    const other = otherOf(conversation, callerId);
    await this.refuseBlocked(this.deps.db, callerId, other);
    const waitMs = this.limiter.take(callerId);
    if (waitMs > 0) throw new ApiError('rate_limited', `Too many messages; try again in ${Math.ceil(waitMs / 1000)} s`);
    try {
      const written = await this.deps.transaction((trx) => this.append(trx, conversationId, { senderId: callerId, kind: 'text', text, textKey: null, actions: [], key: input.idempotencyKey }));
      if (written !== 'conflict') return { message: written, replayed: false };
      this.limiter.giveBack(callerId);
      return { message: this.replay((await this.byKey(this.deps.db, callerId, input.idempotencyKey))!, conversationId, text), replayed: true };
    } catch (error) {
      this.limiter.giveBack(callerId);
      throw error;
    }
  }

  /** Moves the caller's read mark forward to a message (never back); answers the conversation's unread count. */
  async markRead(callerId: string, conversationId: string, upToMessageId: string): Promise<{ unreadCount: number }> {
    if (!(await this.memberConversation(callerId, conversationId))) throw new ApiError('not_found', 'No such conversation');
    return this.deps.transaction(async (trx) => {
      const db = messagesDb(trx);
      const message = await db.selectFrom('messages').select('position').where('id', '=', upToMessageId).where('conversation_id', '=', conversationId).executeTakeFirst();
      if (!message) throw new ApiError('not_found', 'No such message in this conversation');
      await db
        .updateTable('conversation_members')
        .set({ read_position: message.position })
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', callerId)
        .where('read_position', '<', message.position)
        .execute();
      const unreadCount = await this.unreadIn(trx, conversationId, callerId);
      await this.deps.events.publish(trx, { topic: `user:${callerId}`, type: MESSAGE_EVENT_TYPES.read, data: { conversationId, unreadCount } });
      return { unreadCount };
    });
  }

  /** Unread messages over all the caller's conversations (the studio's nav badge). */
  async unreadTotal(callerId: string): Promise<number> {
    const row = await messagesDb(this.deps.db)
      .selectFrom('messages as m')
      .innerJoin('conversation_members as cm', (join) => join.onRef('cm.conversation_id', '=', 'm.conversation_id').on('cm.user_id', '=', callerId))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .whereRef('m.position', '>', 'cm.read_position')
      .where('m.sender_id', '<>', callerId)
      .executeTakeFirst();
    return toSafeInteger(row?.n ?? 0);
  }

  async block(callerId: string, handle: string): Promise<void> {
    const other = await this.userByHandle(handle);
    if (other.id === callerId) throw new ApiError('bad_request', 'You cannot block yourself');
    await messagesDb(this.deps.db)
      .insertInto('user_blocks')
      .values({ blocker_id: callerId, blocked_id: other.id, created_at: this.deps.now() })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(callerId: string, handle: string): Promise<void> {
    const other = await this.userByHandle(handle);
    await messagesDb(this.deps.db).deleteFrom('user_blocks').where('blocker_id', '=', callerId).where('blocked_id', '=', other.id).execute();
  }

  async blocks(callerId: string): Promise<BlockList> {
    const rows = await messagesDb(this.deps.db)
      .selectFrom('user_blocks as b')
      .innerJoin('users as u', 'u.id', 'b.blocked_id')
      .select(['u.id', 'u.handle', 'u.display_name'])
      .where('b.blocker_id', '=', callerId)
      .orderBy('u.handle')
      .execute();
    return { blocked: rows.map((u) => ({ id: u.id as UserId, handle: u.handle, displayName: u.display_name })) };
  }

  // ——— internals ———

  /**
   * Appends a message at the conversation's next position (the UPDATE takes the row lock that
   * orders sends) and publishes `message.created` to both participants, each with their own
   * unread count. 'conflict' when the sender's idempotency key is already used (a racing retry).
   */
  private async append(
    trx: MessagesExecutor,
    conversationId: string,
    message: Readonly<{ senderId: string; kind: MessageKind; text: string; textKey: string | null; actions: readonly GuideAction[]; key: string | null }>,
  ): Promise<Message | 'conflict'> {
    const db = messagesDb(trx);
    const at = this.deps.now();
    const conversation = await db
      .updateTable('conversations')
      .set((eb) => ({ last_position: eb('last_position', '+', 1), updated_at: at }))
      .where('id', '=', conversationId)
      .returning(['last_position', 'user_low', 'user_high'])
      .executeTakeFirst();
    if (!conversation) throw new ApiError('not_found', 'No such conversation');
    const row = {
      id: newId('msg'),
      conversation_id: conversationId,
      position: toSafeInteger(conversation.last_position),
      sender_id: message.senderId,
      kind: message.kind,
      text: message.text,
      text_key: message.textKey,
      actions: JSON.stringify(message.actions),
      idempotency_key: message.key,
      created_at: at,
    };
    const inserted = await db
      .insertInto('messages')
      .values(row)
      .onConflict((oc) => oc.columns(['sender_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // A gap in positions is harmless: they only order the conversation.
    if (!inserted) return 'conflict';
    const written = toMessage(row);
    for (const userId of [conversation.user_low, conversation.user_high]) {
      const unreadCount = await this.unreadIn(trx, conversationId, userId);
      await this.deps.events.publish(trx, { topic: `user:${userId}`, type: MESSAGE_EVENT_TYPES.created, data: { conversationId, message: written, unreadCount } });
    }
    return written;
  }

  private replay(first: MessageRow, conversationId: string, text: string): Message {
    if (first.conversation_id !== conversationId || first.text !== text) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for another message');
    return toMessage(first);
  }

  private byKey(db: MessagesExecutor, senderId: string, key: string): Promise<MessageRow | undefined> {
    return messagesDb(db)
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'position', 'sender_id', 'kind', 'text', 'text_key', 'actions', 'created_at'])
      .where('sender_id', '=', senderId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  private async unreadIn(db: MessagesExecutor, conversationId: string, userId: string): Promise<number> {
    const row = await messagesDb(db)
      .selectFrom('messages as m')
      .innerJoin('conversation_members as cm', (join) => join.onRef('cm.conversation_id', '=', 'm.conversation_id').on('cm.user_id', '=', userId))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('m.conversation_id', '=', conversationId)
      .whereRef('m.position', '>', 'cm.read_position')
      .where('m.sender_id', '<>', userId)
      .executeTakeFirst();
    return toSafeInteger(row?.n ?? 0);
  }

  private async memberConversation(callerId: string, conversationId: string) {
    return messagesDb(this.deps.db)
      .selectFrom('conversations as c')
      .innerJoin('conversation_members as cm', 'cm.conversation_id', 'c.id')
      .select(['c.id', 'c.user_low', 'c.user_high', 'c.last_position', 'c.created_at', 'c.updated_at', 'cm.read_position'])
      .where('c.id', '=', conversationId)
      .where('cm.user_id', '=', callerId)
      .executeTakeFirst();
  }

  /** 403 `blocked` when either of the two blocked the other: for this feature's sends and for other features' messages sent in a person's name (an order's forward). */
  async refuseBlocked(trx: MessagesExecutor, senderId: string, recipientId: string): Promise<void> {
    const rows = await messagesDb(trx)
      .selectFrom('user_blocks')
      .select('blocker_id')
      .where((eb) => eb.or([eb.and([eb('blocker_id', '=', recipientId), eb('blocked_id', '=', senderId)]), eb.and([eb('blocker_id', '=', senderId), eb('blocked_id', '=', recipientId)])]))
      .execute();
    if (rows.some((r) => r.blocker_id === recipientId)) throw new ApiError('blocked', 'This account does not accept your messages');
    if (rows.length > 0) throw new ApiError('blocked', 'You blocked this account; unblock it to send messages');
  }

  private async userByHandle(handle: string): Promise<{ id: string }> {
    const user = await messagesDb(this.deps.db).selectFrom('users').select('id').where('handle', '=', handle).executeTakeFirst();
    if (!user) throw new ApiError('not_found', `No account @${handle}`);
    return user;
  }

  /** Conversation rows (with the caller's read mark) as the caller's view: the other participant, the last message, unread and blocked. */
  private async views(callerId: string, rows: readonly (ConversationsTable & { read_position: number })[]): Promise<Conversation[]> {
    if (rows.length === 0) return [];
    const db = messagesDb(this.deps.db);
    const ids = rows.map((r) => r.id);
    const others = [...new Set(rows.map((r) => otherOf(r, callerId)))];
    const [users, lastMessages, unread, blocked] = await Promise.all([
      db.selectFrom('users').select(['id', 'handle', 'display_name']).where('id', 'in', others).execute(),
      db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', (join) => join.onRef('c.id', '=', 'm.conversation_id').onRef('c.last_position', '=', 'm.position'))
        .select(['m.id', 'm.conversation_id', 'm.position', 'm.sender_id', 'm.kind', 'm.text', 'm.text_key', 'm.actions', 'm.created_at'])
        .where('m.conversation_id', 'in', ids)
        .execute(),
      db
        .selectFrom('messages as m')
        .innerJoin('conversation_members as cm', (join) => join.onRef('cm.conversation_id', '=', 'm.conversation_id').on('cm.user_id', '=', callerId))
        .select((eb) => ['m.conversation_id', eb.fn.countAll<number | string>().as('n')])
        .where('m.conversation_id', 'in', ids)
        .whereRef('m.position', '>', 'cm.read_position')
        .where('m.sender_id', '<>', callerId)
        .groupBy('m.conversation_id')
        .execute(),
      db.selectFrom('user_blocks').select('blocked_id').where('blocker_id', '=', callerId).where('blocked_id', 'in', others).execute(),
    ]);
    const userById = new Map(users.map((u) => [u.id, { id: u.id as UserId, handle: u.handle, displayName: u.display_name } satisfies Participant]));
    const lastBy = new Map(lastMessages.map((m) => [m.conversation_id, toMessage(m)]));
    const unreadBy = new Map(unread.map((u) => [u.conversation_id, toSafeInteger(u.n)]));
    const blockedIds = new Set(blocked.map((b) => b.blocked_id));
    return rows.flatMap((row) => {
      const other = userById.get(otherOf(row, callerId));
      if (!other) return [];
      return [
        {
          id: row.id as ConversationId,
          with: other,
          lastMessage: lastBy.get(row.id) ?? null,
          unreadCount: unreadBy.get(row.id) ?? 0,
          blocked: blockedIds.has(other.id),
          createdAt: toSafeInteger(row.created_at),
          updatedAt: toSafeInteger(row.updated_at),
        },
      ];
    });
  }
}
