import { PostgresAdapter } from 'kysely';
import type { CustomizationContent, ServiceState } from '@shared/domain/orders/customization';
import type { OrderInfo } from '@shared/domain/orders/info';
import type { CancelKind, OrderLifecycle, OrderState } from '@shared/domain/orders/lifecycle';
import { toSafeInteger } from '../../kernel/db/numbers';
import { ordersDb, type OrderCommentsTable, type OrderCustomizationsTable, type OrderForwardsTable, type OrdersExecutor, type OrdersTable } from './schema';

/** An order row as the service works with it. */
export interface OrderRecord {
  readonly id: string;
  readonly requesterId: string;
  readonly creatorId: string;
  readonly priceCoins: number;
  readonly cutBps: number;
  readonly holdId: string;
  readonly info: OrderInfo;
  readonly lifecycle: OrderLifecycle;
  readonly idempotencyKey: string;
  readonly fingerprint: string;
  readonly uploadId: string | null;
  readonly deliveryKey: string | null;
  readonly mediaKey: string | null;
  readonly shareToken: string | null;
  readonly sharePublic: boolean;
}

export interface CustomizationRecord {
  readonly creatorId: string;
  readonly state: Exclude<ServiceState, 'never'>;
  readonly receiving: boolean;
  readonly draft: CustomizationContent;
  readonly published: CustomizationContent | null;
  readonly publishedAt: number | null;
  readonly introKey: string | null;
}

export interface CommentRecord {
  readonly orderId: string;
  readonly requesterId: string;
  readonly stars: number | null;
  readonly text: string | null;
  readonly anonymous: boolean;
  readonly at: number;
}

const num = (v: number | string | null): number | undefined => (v === null ? undefined : toSafeInteger(v));

function toRecord(row: OrdersTable): OrderRecord {
  const times = { requestedAt: toSafeInteger(row.requested_at), acceptedAt: num(row.accepted_at), deliveredAt: num(row.delivered_at), cancelledAt: num(row.cancelled_at) };
  const deadlines = { acceptBy: num(row.accept_by), deliverBy: num(row.deliver_by) };
  return {
    id: row.id,
    requesterId: row.requester_id,
    creatorId: row.creator_id,
    priceCoins: toSafeInteger(row.price_coins),
    cutBps: toSafeInteger(row.cut_bps),
    holdId: row.hold_id,
    info: JSON.parse(row.info) as OrderInfo,
    lifecycle: {
      state: row.state as OrderState,
      times: dropUndefined(times) as OrderLifecycle['times'],
      deadlines: dropUndefined(deadlines),
      cancelReason: row.cancel_kind === null ? null : { kind: row.cancel_kind as CancelKind, ...(row.cancel_text === null ? {} : { text: row.cancel_text }) },
      commented: Number(row.commented) === 1,
    },
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    uploadId: row.upload_id,
    deliveryKey: row.delivery_key,
    mediaKey: row.media_key,
    shareToken: row.share_token,
    sharePublic: Number(row.share_public) === 1,
  };
}

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The lifecycle's columns, for writing a decided order back. */
function lifecycleColumns(
  order: OrderLifecycle,
): Pick<OrdersTable, 'state' | 'accept_by' | 'accepted_at' | 'deliver_by' | 'delivered_at' | 'cancelled_at' | 'cancel_kind' | 'cancel_text' | 'commented'> {
  return {
    state: order.state,
    accept_by: order.deadlines.acceptBy ?? null,
    deliver_by: order.deadlines.deliverBy ?? null,
    accepted_at: order.times.acceptedAt ?? null,
    delivered_at: order.times.deliveredAt ?? null,
    cancelled_at: order.times.cancelledAt ?? null,
    cancel_kind: order.cancelReason?.kind ?? null,
    cancel_text: order.cancelReason?.text ?? null,
    commented: order.commented ? 1 : 0,
  };
}

const OPEN_STATES: readonly OrderState[] = ['pending_acceptance', 'accepted'];

/** SQL for orders, customizations and comments. Every method takes the caller's transaction where it writes. */
export class OrdersRepository {
  constructor(private readonly db: OrdersExecutor) {}

  private exec(trx?: OrdersExecutor) {
    return ordersDb(trx ?? this.db);
  }

  private isPostgres(trx?: OrdersExecutor): boolean {
    return this.exec(trx).getExecutor().adapter instanceof PostgresAdapter;
  }

  async byId(id: string, trx?: OrdersExecutor): Promise<OrderRecord | null> {
    const row = await this.exec(trx).selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The order with its row locked until the transaction ends (PostgreSQL; SQLite has one writer): concurrent actions on one order run one after another. */
  async lockById(id: string, trx: OrdersExecutor): Promise<OrderRecord | null> {
    let query = this.exec(trx).selectFrom('orders').selectAll().where('id', '=', id);
    if (this.isPostgres(trx)) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byRequesterKey(requesterId: string, key: string, trx?: OrdersExecutor): Promise<OrderRecord | null> {
    const row = await this.exec(trx).selectFrom('orders').selectAll().where('requester_id', '=', requesterId).where('idempotency_key', '=', key).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byShareToken(token: string, trx?: OrdersExecutor): Promise<OrderRecord | null> {
    const row = await this.exec(trx).selectFrom('orders').selectAll().where('share_token', '=', token).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async participants(id: string): Promise<readonly [string, string] | null> {
    const row = await this.exec().selectFrom('orders').select(['requester_id', 'creator_id']).where('id', '=', id).executeTakeFirst();
    return row ? [row.requester_id, row.creator_id] : null;
  }

  async insert(
    order: Readonly<{
      id: string;
      requesterId: string;
      creatorId: string;
      priceCoins: number;
      cutBps: number;
      holdId: string;
      info: OrderInfo;
      lifecycle: OrderLifecycle;
      idempotencyKey: string;
      fingerprint: string;
    }>,
    trx: OrdersExecutor,
  ): Promise<void> {
    await this.exec(trx)
      .insertInto('orders')
      .values({
        id: order.id,
        requester_id: order.requesterId,
        creator_id: order.creatorId,
        price_coins: order.priceCoins,
        cut_bps: order.cutBps,
        hold_id: order.holdId,
        info: JSON.stringify(order.info),
        requested_at: order.lifecycle.times.requestedAt,
        idempotency_key: order.idempotencyKey,
        fingerprint: order.fingerprint,
        upload_id: null,
        delivery_key: null,
        media_key: null,
        share_token: null,
        share_public: 0,
        ...lifecycleColumns(order.lifecycle),
      })
      .execute();
  }

  /** Writes a decided lifecycle, only over the state it was decided from; false when another change got there first. */
  async writeLifecycle(id: string, from: OrderState, next: OrderLifecycle, trx: OrdersExecutor, extra: Partial<Pick<OrdersTable, 'upload_id' | 'delivery_key' | 'media_key'>> = {}): Promise<boolean> {
    const result = await this.exec(trx)
      .updateTable('orders')
      .set({ ...lifecycleColumns(next), ...extra })
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setShare(id: string, token: string, isPublic: boolean, trx?: OrdersExecutor): Promise<void> {
    await this.exec(trx)
      .updateTable('orders')
      .set({ share_token: token, share_public: isPublic ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  /** Keeps the share token and whether it is public (a forward never changes that); sets a token when there is none yet. */
  async ensureShareToken(id: string, token: string, trx: OrdersExecutor): Promise<string> {
    await this.exec(trx).updateTable('orders').set({ share_token: token }).where('id', '=', id).where('share_token', 'is', null).execute();
    const row = await this.exec(trx).selectFrom('orders').select('share_token').where('id', '=', id).executeTakeFirstOrThrow();
    return row.share_token!;
  }

  async forwardByKey(orderId: string, key: string, trx: OrdersExecutor): Promise<{ recipientId: string; note: string | null; conversationId: string } | null> {
    const row = await this.exec(trx)
      .selectFrom('order_forwards')
      .select(['recipient_id', 'note', 'conversation_id'])
      .where('order_id', '=', orderId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? { recipientId: row.recipient_id, note: row.note, conversationId: row.conversation_id } : null;
  }

  async insertForward(row: Readonly<OrderForwardsTable>, trx: OrdersExecutor): Promise<void> {
    await this.exec(trx).insertInto('order_forwards').values(row).execute();
  }

  /** Whether the order's video was forwarded to this account (it may then open the private share link). */
  async isForwardedTo(orderId: string, userId: string, trx?: OrdersExecutor): Promise<boolean> {
    const row = await this.exec(trx).selectFrom('order_forwards').select('order_id').where('order_id', '=', orderId).where('recipient_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Newest first, keyset-paged by (requested_at, id). */
  async list(
    userId: string,
    options: Readonly<{ role: 'requester' | 'creator'; states: readonly OrderState[] | null; limit: number; cursor?: { readonly at: number; readonly id: string } | undefined }>,
  ): Promise<OrderRecord[]> {
    let query = this.exec()
      .selectFrom('orders')
      .selectAll()
      .where(options.role === 'requester' ? 'requester_id' : 'creator_id', '=', userId)
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.states) query = query.where('state', 'in', options.states);
    const cursor = options.cursor;
    if (cursor) query = query.where((eb) => eb.or([eb('requested_at', '<', cursor.at), eb.and([eb('requested_at', '=', cursor.at), eb('id', '<', cursor.id)])]));
    return (await query.execute()).map(toRecord);
  }

  /** Open orders of a user (either side) whose deadline is at or before `now`: the ones a read must expire first. */
  async dueIds(userId: string, now: number): Promise<string[]> {
    const rows = await this.exec()
      .selectFrom('orders')
      .select('id')
      .where((eb) => eb.or([eb('requester_id', '=', userId), eb('creator_id', '=', userId)]))
      .where((eb) => eb.or([eb.and([eb('state', '=', 'pending_acceptance'), eb('accept_by', '<=', now)]), eb.and([eb('state', '=', 'accepted'), eb('deliver_by', '<=', now)])]))
      .execute();
    return rows.map((r) => r.id);
  }

  async openForCreator(creatorId: string, trx?: OrdersExecutor): Promise<OrderRecord[]> {
    const rows = await this.exec(trx).selectFrom('orders').selectAll().where('creator_id', '=', creatorId).where('state', 'in', OPEN_STATES).orderBy('requested_at', 'desc').execute();
    return rows.map(toRecord);
  }

  async countOpenForCreator(creatorId: string, trx?: OrdersExecutor): Promise<number> {
    const row = await this.exec(trx)
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('creator_id', '=', creatorId)
      .where('state', 'in', OPEN_STATES)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The coins on hold for a creator's open orders and how many wait for an answer, over all of them. */
  async openTotals(creatorId: string, trx?: OrdersExecutor): Promise<{ escrowCoins: number; pendingCount: number }> {
    const row = await this.exec(trx)
      .selectFrom('orders')
      .select((eb) => [
        eb.fn.sum<string | number | null>('price_coins').as('coins'),
        eb.fn.sum<string | number | null>(eb.case().when('state', '=', 'pending_acceptance').then(1).else(0).end()).as('pending'),
      ])
      .where('creator_id', '=', creatorId)
      .where('state', 'in', OPEN_STATES)
      .executeTakeFirst();
    return { escrowCoins: Number(row?.coins ?? 0), pendingCount: Number(row?.pending ?? 0) };
  }

  // Customizations

  async customization(creatorId: string, trx?: OrdersExecutor, options: Readonly<{ lock?: boolean }> = {}): Promise<CustomizationRecord | null> {
    let query = this.exec(trx).selectFrom('order_customizations').selectAll().where('creator_id', '=', creatorId);
    if (options.lock && this.isPostgres(trx)) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toCustomization(row) : null;
  }

  async saveCustomization(record: CustomizationRecord, now: number, trx: OrdersExecutor): Promise<void> {
    const row: OrderCustomizationsTable = {
      creator_id: record.creatorId,
      state: record.state,
      receiving: record.receiving ? 1 : 0,
      draft: JSON.stringify(record.draft),
      published: record.published ? JSON.stringify(record.published) : null,
      published_at: record.publishedAt,
      intro_key: record.introKey,
      updated_at: now,
    };
    const { creator_id: _id, ...changes } = row;
    await this.exec(trx)
      .insertInto('order_customizations')
      .values(row)
      .onConflict((oc) => oc.column('creator_id').doUpdateSet(changes))
      .execute();
  }

  // Comments

  async insertComment(row: OrderCommentsTable, trx: OrdersExecutor): Promise<void> {
    await this.exec(trx).insertInto('order_comments').values(row).execute();
  }

  async comment(orderId: string, trx?: OrdersExecutor): Promise<CommentRecord | null> {
    const row = await this.exec(trx).selectFrom('order_comments').selectAll().where('order_id', '=', orderId).executeTakeFirst();
    return row ? toComment(row) : null;
  }

  async comments(orderIds: readonly string[]): Promise<CommentRecord[]> {
    if (orderIds.length === 0) return [];
    return (await this.exec().selectFrom('order_comments').selectAll().where('order_id', 'in', orderIds).execute()).map(toComment);
  }

  async rating(creatorId: string): Promise<{ readonly average: number | null; readonly count: number }> {
    const row = await this.exec()
      .selectFrom('order_comments')
      .select((eb) => [eb.fn.avg<string | number | null>('stars').as('average'), eb.fn.count<string | number>('stars').as('count')])
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    const count = Number(row?.count ?? 0);
    return { average: count === 0 || row?.average === null || row?.average === undefined ? null : Math.round(Number(row.average) * 10) / 10, count };
  }

  async latestComments(creatorId: string, limit: number): Promise<CommentRecord[]> {
    const rows = await this.exec().selectFrom('order_comments').selectAll().where('creator_id', '=', creatorId).orderBy('created_at', 'desc').orderBy('order_id', 'desc').limit(limit).execute();
    return rows.map(toComment);
  }
}

function toCustomization(row: OrderCustomizationsTable): CustomizationRecord {
  return {
    creatorId: row.creator_id,
    state: row.state as CustomizationRecord['state'],
    receiving: Number(row.receiving) === 1,
    draft: JSON.parse(row.draft) as CustomizationContent,
    published: row.published === null ? null : (JSON.parse(row.published) as CustomizationContent),
    publishedAt: row.published_at === null ? null : toSafeInteger(row.published_at),
    introKey: row.intro_key,
  };
}

function toComment(row: OrderCommentsTable): CommentRecord {
  return {
    orderId: row.order_id,
    requesterId: row.requester_id,
    stars: row.stars === null ? null : Number(row.stars),
    text: row.text,
    anonymous: Number(row.anonymous) === 1,
    at: toSafeInteger(row.created_at),
  };
}
