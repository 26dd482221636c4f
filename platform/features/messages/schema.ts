import type { Generated, Kysely } from 'kysely';
import type { UsersTable } from '../../kernel/db/schema';

export interface ConversationsTable {
  id: string;
  /** The two participants in id order (user_low < user_high). */
  user_low: string;
  user_high: string;
  /** The newest message's position (0: none yet). */
  last_position: number;
  created_at: number;
  updated_at: number;
}

export interface ConversationMembersTable {
  conversation_id: string;
  user_id: string;
  read_position: number;
}

export interface MessagesTable {
  seq: Generated<number>;
  id: string;
  conversation_id: string;
  position: number;
  sender_id: string;
  kind: string;
  text: string;
  /** A system message's sentence as key and parameters (JSON, shared/protocol/platform-texts.ts); null for a participant's words. */
  text_key: string | null;
  /** JSON array of guide actions. */
  actions: string;
  idempotency_key: string | null;
  created_at: number;
}

export interface UserBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: number;
}

/** The feature's tables, and the kernel's users table it reads handles and names from. */
export interface MessagesTables {
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  user_blocks: UserBlocksTable;
  users: UsersTable;
}

/** The caller's database or open transaction, whatever else its schema holds (Kysely's types are invariant in the schema). */
export type MessagesExecutor = Pick<Kysely<object>, 'isTransaction'>;

export function messagesDb(db: MessagesExecutor): Kysely<MessagesTables> {
  return db as unknown as Kysely<MessagesTables>;
}
