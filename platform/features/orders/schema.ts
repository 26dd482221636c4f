import type { Kysely } from 'kysely';

export interface OrderCustomizationsTable {
  creator_id: string;
  state: string;
  receiving: number;
  draft: string;
  published: string | null;
  published_at: number | null;
  intro_key: string | null;
  updated_at: number;
}

export interface OrdersTable {
  id: string;
  requester_id: string;
  creator_id: string;
  state: string;
  price_coins: number;
  cut_bps: number;
  hold_id: string;
  /** JSON OrderInfo. */
  info: string;
  requested_at: number;
  accept_by: number | null;
  accepted_at: number | null;
  deliver_by: number | null;
  delivered_at: number | null;
  cancelled_at: number | null;
  cancel_kind: string | null;
  cancel_text: string | null;
  commented: number;
  idempotency_key: string;
  /** Canonical creation body: the same key with another body is a conflict. */
  fingerprint: string;
  upload_id: string | null;
  delivery_key: string | null;
  /** Where the delivered video lies in order-media storage. */
  media_key: string | null;
  share_token: string | null;
  share_public: number;
}

export interface OrderCommentsTable {
  order_id: string;
  creator_id: string;
  requester_id: string;
  stars: number | null;
  text: string | null;
  anonymous: number;
  created_at: number;
}

export interface OrderForwardsTable {
  order_id: string;
  idempotency_key: string;
  recipient_id: string;
  note: string | null;
  conversation_id: string;
  created_at: number;
}

export interface OrdersTables {
  order_forwards: OrderForwardsTable;
  order_customizations: OrderCustomizationsTable;
  orders: OrdersTable;
  order_comments: OrderCommentsTable;
}

/** Any database or open transaction of the platform (Kysely's types are invariant in the schema). */
export type OrdersExecutor = Pick<Kysely<object>, 'isTransaction'>;

export function ordersDb(db: OrdersExecutor): Kysely<OrdersTables> {
  return db as unknown as Kysely<OrdersTables>;
}
