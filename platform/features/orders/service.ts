import { createHash, randomBytes } from 'node:crypto';
import { userAccount } from '@shared/domain/ledger/accounts';
import { DEFAULT_CUT_BPS, isCutBps } from '@shared/domain/ledger/amounts';
import { mayOrder } from '@shared/domain/orders/customization';
import { checkComment, checkOrderInfo, checkReason, type OrderInfo } from '@shared/domain/orders/info';
import {
  DEFAULT_ORDER_WINDOWS,
  decide,
  newOrder,
  orderAt,
  type OrderAction,
  type OrderActor,
  type OrderLifecycle,
  type OrderRefusalCode,
  type OrderState,
  type OrderWindows,
} from '@shared/domain/orders/lifecycle';
import type { Trx } from '../../kernel/db/transaction';
import { ApiError } from '../../kernel/http/api-error';
import { newId } from '../../kernel/ids';
import type { Scheduler } from '../../kernel/jobs/scheduler';
import { probeVideo } from '../../kernel/media/probe';
import type { MediaTools } from '../../kernel/media/tools';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { OwnedUploads } from '../uploads/service';
import { LedgerError, type WalletLedger } from '../wallet/service';
import type { OrderEvent, OrderNotices } from './notices';
import type { OrderRecord, OrdersRepository } from './repository';
import type { OrdersExecutor } from './schema';

/** The accounts feature's users, as orders need them (UsersRepository fits). */
export interface OrderUsers {
  byHandle(handle: string, trx?: OrdersExecutor): Promise<{ readonly user: { readonly id: string; readonly handle: string; readonly displayName: string } } | null>;
  byId(id: string, trx?: OrdersExecutor): Promise<{ readonly id: string; readonly handle: string; readonly displayName: string } | null>;
}

export interface OrdersDeps {
  readonly repo: OrdersRepository;
  readonly transaction: <T>(work: (trx: OrdersExecutor) => Promise<T>) => Promise<T>;
  readonly ledger: WalletLedger;
  readonly jobs: Pick<Scheduler, 'schedule' | 'cancel'>;
  readonly uploads: Pick<OwnedUploads, 'readOwned' | 'fileOf' | 'forget'>;
  /** Delivered videos and intros (a root of their own: the videos feature sweeps folders it does not know). */
  readonly storage: MediaStorage;
  readonly users: OrderUsers;
  readonly notices: OrderNotices;
  readonly now: () => number;
  readonly windows?: OrderWindows;
  /** ffprobe: a delivered video must be a complete, playable MP4; null → deliveries are refused (as posts are). */
  readonly tools: MediaTools | null;
  /** The platform's cut on delivery, in basis points (default 2,500 = 25 %). */
  readonly cutBps?: number;
}

export const DEADLINE_JOB = 'orders.deadline';

/** A 402 that carries the shortfall, answered by the route as `{ error: { code, message, shortfall } }`. */
export class InsufficientFundsError extends Error {
  constructor(
    readonly shortfall: number,
    readonly priceCoins: number,
  ) {
    super(`This video costs ${priceCoins} coins; you need ${shortfall} more`);
  }
}

const REFUSAL_CODES: Readonly<Record<OrderRefusalCode, 'forbidden' | 'invalid_state' | 'deadline_passed' | 'already_commented'>> = {
  forbidden: 'forbidden',
  invalid_state: 'invalid_state',
  deadline_passed: 'deadline_passed',
  already_commented: 'already_commented',
};

function problemsMessage(problems: readonly { field: string; reason: string }[]): string {
  return problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
}

/** Orders: creating with a hold, every lifecycle action with its money, deadlines, delivery and sharing. */
export class OrdersService {
  readonly windows: OrderWindows;
  readonly cutBps: number;

  constructor(private readonly deps: OrdersDeps) {
    this.windows = deps.windows ?? DEFAULT_ORDER_WINDOWS;
    this.cutBps = deps.cutBps ?? DEFAULT_CUT_BPS;
    if (!isCutBps(this.cutBps)) throw new RangeError(`the orders' cut must be 0..10000 basis points, not ${this.cutBps}`);
  }

  async create(requesterId: string, body: Readonly<{ creatorHandle: string; info: Readonly<Record<string, unknown>>; idempotencyKey: string }>): Promise<{ order: OrderRecord; replayed: boolean }> {
    const info = checkOrderInfo(body.info);
    if (!info.ok) throw new ApiError('validation_failed', problemsMessage(info.problems));
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([body.creatorHandle, info.value]))
      .digest('hex');
    const { repo } = this.deps;
    return this.deps.transaction(async (trx) => {
      const first = await repo.byRequesterKey(requesterId, body.idempotencyKey, trx);
      if (first) {
        if (first.fingerprint !== fingerprint) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for another order');
        return { order: first, replayed: true };
      }
      const creator = await this.deps.users.byHandle(body.creatorHandle, trx);
      if (!creator) throw new ApiError('not_found', `No creator @${body.creatorHandle}`);
      // Locked so that racing orders respect the cap on open orders one after another.
      const service = await repo.customization(creator.user.id, trx, { lock: true });
      const open = service ? await repo.countOpenForCreator(creator.user.id, trx) : 0;
      const allowed = mayOrder(service ?? { state: 'never', receiving: false }, service?.published?.maxOpenOrders, open, creator.user.id === requesterId);
      if (!allowed.ok) throw new ApiError(allowed.code === 'own_service' ? 'own_order' : 'not_receiving', allowed.reason);
      const price = service!.published!.priceCoins;
      const id = newId('ord');
      const now = this.deps.now();
      let holdId: string;
      try {
        const hold = await this.deps.ledger.hold(trx, { userId: requesterId, coins: price, source: `order:${id}`, idempotencyKey: `order:${requesterId}:${body.idempotencyKey}` });
        holdId = hold.id;
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'insufficient_funds') {
          const balance = await this.deps.ledger.balance(trx, userAccount(requesterId, 'coin'));
          throw new InsufficientFundsError(Math.max(1, price - balance), price);
        }
        throw error;
      }
      const lifecycle = newOrder(now, this.windows);
      await repo.insert(
        { id, requesterId, creatorId: creator.user.id, priceCoins: price, cutBps: this.cutBps, holdId, info: info.value, lifecycle, idempotencyKey: body.idempotencyKey, fingerprint },
        trx,
      );
      await this.deps.jobs.schedule(DEADLINE_JOB, id, lifecycle.deadlines.acceptBy!, null, trx as Trx);
      const order = (await repo.byId(id, trx))!;
      await this.deps.notices.publish(trx, order, 'created', now);
      return { order, replayed: false };
    });
  }

  accept(orderId: string, userId: string): Promise<OrderRecord> {
    return this.act(orderId, userId, { type: 'accept' });
  }

  refuse(orderId: string, userId: string, reason: string): Promise<OrderRecord> {
    return this.act(orderId, userId, { type: 'refuse', reason: this.reason(reason) });
  }

  cancel(orderId: string, userId: string, reason: string): Promise<OrderRecord> {
    return this.act(orderId, userId, { type: 'cancel', reason: this.reason(reason) });
  }

  /**
   * Sends the video: the upload (the creator's, complete) becomes the order's video and the hold is
   * captured, less the cut. The same key again answers the delivered order (200) and finishes
   * moving the file if a crash interrupted it; another key on a delivered order is refused.
   */
  async deliver(orderId: string, userId: string, uploadId: string, idempotencyKey: string): Promise<{ order: OrderRecord; replayed: boolean }> {
    // Not `readable`: a deliver past the deadline must answer deadline_passed, not find it already cancelled.
    const existing = await this.deps.repo.byId(orderId);
    if (!existing || (existing.requesterId !== userId && existing.creatorId !== userId)) throw new ApiError('not_found', 'No such order');
    if (existing.lifecycle.state === 'delivered' && existing.creatorId === userId && existing.deliveryKey === idempotencyKey) {
      if (existing.uploadId !== uploadId) throw new ApiError('idempotency_conflict', 'This idempotency key was already used to send another upload');
      await this.storeVideo(existing);
      return { order: existing, replayed: true };
    }
    // Checked before the transaction: a refused upload changes nothing.
    if (existing.creatorId === userId && existing.lifecycle.state === 'accepted') await this.checkMp4((await this.deps.uploads.readOwned(uploadId, userId as never)).file);
    const order = await this.act(orderId, userId, { type: 'deliver' }, { upload_id: uploadId, delivery_key: idempotencyKey, media_key: `${orderId}/video.mp4` });
    await this.storeVideo(order);
    return { order, replayed: false };
  }

  async comment(orderId: string, userId: string, body: Readonly<{ stars?: unknown; text?: unknown; anonymous?: unknown }>): Promise<OrderRecord> {
    const checked = checkComment(body);
    if (!checked.ok) throw new ApiError('validation_failed', problemsMessage(checked.problems));
    return this.act(orderId, userId, { type: 'comment' }, {}, async (trx, order, at) => {
      await this.deps.repo.insertComment(
        {
          order_id: order.id,
          creator_id: order.creatorId,
          requester_id: order.requesterId,
          stars: checked.value.stars ?? null,
          text: checked.value.text ?? null,
          anonymous: checked.value.anonymous ? 1 : 0,
          created_at: at,
        },
        trx,
      );
    });
  }

  /** The order as the caller may see it (requester or creator only; anyone else gets 404), expired first if its deadline passed. */
  async readable(orderId: string, userId: string): Promise<OrderRecord> {
    let order = await this.deps.repo.byId(orderId);
    if (!order || (order.requesterId !== userId && order.creatorId !== userId)) throw new ApiError('not_found', 'No such order');
    if (orderAt(order.lifecycle, this.deps.now()).changed) {
      await this.expire(orderId);
      order = (await this.deps.repo.byId(orderId))!;
    }
    return order;
  }

  async list(
    userId: string,
    query: Readonly<{ role: 'requester' | 'creator'; state?: OrderState | 'open' | undefined; limit: number; cursor?: string | undefined }>,
  ): Promise<{ orders: OrderRecord[]; nextCursor: string | null }> {
    await this.expireDue(userId);
    const states: OrderState[] | null = query.state === undefined ? null : query.state === 'open' ? ['pending_acceptance', 'accepted'] : [query.state];
    const cursor = query.cursor ? { at: Number(query.cursor.slice(0, query.cursor.indexOf('_'))), id: query.cursor.slice(query.cursor.indexOf('_') + 1) } : undefined;
    const rows = await this.deps.repo.list(userId, { role: query.role, states, limit: query.limit + 1, cursor });
    const orders = rows.slice(0, query.limit);
    const last = orders.at(-1);
    return { orders, nextCursor: rows.length > query.limit && last ? `${last.lifecycle.times.requestedAt}_${last.id}` : null };
  }

  /** The creator's income: diamonds from the ledger's `order:` payments; escrow and waiting requests from the open orders (expired ones first closed). */
  async income(creatorId: string, since: number | undefined): Promise<{ totalDiamonds: number; sinceDiamonds: number; escrowCoins: number; pendingCount: number }> {
    await this.expireDue(creatorId);
    // One transaction: the payments and the holds are read from the same snapshot.
    return this.deps.transaction(async (trx) => {
      const paid = await this.deps.ledger.credited(trx, userAccount(creatorId, 'diamond'), 'order:', since ?? Number.MAX_SAFE_INTEGER);
      const open = await this.deps.repo.openTotals(creatorId, trx);
      return { totalDiamonds: paid.total, sinceDiamonds: since === undefined ? 0 : paid.since, ...open };
    });
  }

  /** Reads never show an expired order as open: the caller's due expiries are written first (the job may not have run yet). */
  async expireDue(userId: string): Promise<void> {
    for (const id of await this.deps.repo.dueIds(userId, this.deps.now())) await this.expire(id);
  }

  /** The deadline job and the read path: cancels the order at its deadline and releases the hold, once. */
  async expire(orderId: string, trx?: OrdersExecutor): Promise<boolean> {
    const work = async (t: OrdersExecutor): Promise<boolean> => {
      const order = await this.deps.repo.lockById(orderId, t);
      if (!order) return false;
      const view = orderAt(order.lifecycle, this.deps.now());
      if (!view.changed) return false;
      await this.apply(t, order, view.order, 'expired', this.deps.now());
      return true;
    };
    return trx ? work(trx) : this.deps.transaction(work);
  }

  /** Makes (or updates) the requester's share link; `public` lets anyone with it watch. */
  async share(orderId: string, userId: string, isPublic: boolean): Promise<OrderRecord> {
    const order = await this.readable(orderId, userId);
    if (order.requesterId !== userId) throw new ApiError('forbidden', 'Only the requester can share this video');
    if (order.lifecycle.state !== 'delivered') throw new ApiError('invalid_state', 'There is no video to share yet');
    await this.deps.repo.setShare(orderId, order.shareToken ?? randomBytes(18).toString('base64url'), isPublic);
    return (await this.deps.repo.byId(orderId))!;
  }

  /** The delivered video's storage key, moving the upload in first if a crash stopped that after the commit. */
  async storeVideo(order: OrderRecord): Promise<string> {
    const key = order.mediaKey;
    if (!key || !order.uploadId) throw new ApiError('not_found', 'This order has no video yet');
    if (!(await this.deps.storage.stat(key))) {
      try {
        await this.deps.storage.put(key, this.deps.uploads.fileOf(order.uploadId));
      } catch (error) {
        // A concurrent call (the deliver answer and the requester's first read race right after the commit) moved it first: the move is one rename.
        if (!(await this.deps.storage.stat(key))) throw error;
      }
      await this.deps.uploads.forget(order.uploadId);
    }
    return key;
  }

  /** A complete, playable MP4 (what the requester downloads), judged by ffprobe reading the whole file. */
  async checkMp4(file: string): Promise<void> {
    const { tools } = this.deps;
    if (!tools) throw new ApiError('internal', 'The platform cannot check videos: ffprobe was not found');
    const probed = await probeVideo(tools.ffprobe, file, tools.limits);
    if (!probed.ok) throw new ApiError('not_a_video', `The upload is not a complete, playable video: ${probed.reason}`);
    if (probed.video.mimeType !== 'video/mp4') throw new ApiError('not_a_video', 'Send the video as an MP4 (the studio’s export)');
  }

  private reason(text: string): string {
    const checked = checkReason(text);
    if (!checked.ok) throw new ApiError('validation_failed', problemsMessage(checked.problems));
    return checked.value;
  }

  /**
   * One action in one transaction, on the locked order: decided by the domain at the platform's
   * now. A refusal because a deadline passed still commits the expiry (hold released) before the
   * 409 is answered.
   */
  private async act(
    orderId: string,
    userId: string,
    action: OrderAction,
    columns: Readonly<{ upload_id?: string; delivery_key?: string; media_key?: string }> = {},
    alsoWrite?: (trx: OrdersExecutor, order: OrderRecord, at: number) => Promise<void>,
  ): Promise<OrderRecord> {
    const refusal = await this.deps.transaction(async (trx) => {
      const order = await this.deps.repo.lockById(orderId, trx);
      if (!order || (order.requesterId !== userId && order.creatorId !== userId)) throw new ApiError('not_found', 'No such order');
      const actor: OrderActor = order.creatorId === userId ? 'creator' : 'requester';
      const now = this.deps.now();
      const decision = decide(order.lifecycle, actor, action, now, this.windows);
      if (!decision.ok) {
        if (decision.code === 'deadline_passed') await this.apply(trx, order, orderAt(order.lifecycle, now).order, 'expired', now);
        return decision;
      }
      await alsoWrite?.(trx, order, now);
      await this.apply(trx, order, decision.order, decision.change, now, columns);
      return null;
    });
    if (refusal) throw new ApiError(REFUSAL_CODES[refusal.code], refusal.reason);
    return (await this.deps.repo.byId(orderId))!;
  }

  /** Writes a decided change with its money, its deadline job and its notices. */
  private async apply(
    trx: OrdersExecutor,
    order: OrderRecord,
    next: OrderLifecycle,
    change: OrderEvent,
    at: number,
    columns: Readonly<{ upload_id?: string; delivery_key?: string; media_key?: string }> = {},
  ): Promise<void> {
    const written = await this.deps.repo.writeLifecycle(order.id, order.lifecycle.state, next, trx, columns);
    // The row is locked, so this only fails if something wrote without the lock: refuse loudly.
    if (!written) throw new ApiError('invalid_state', 'The order changed meanwhile; reload it');
    const { ledger, jobs } = this.deps;
    switch (change) {
      case 'accepted':
        await jobs.schedule(DEADLINE_JOB, order.id, next.deadlines.deliverBy!, null, trx as Trx);
        break;
      case 'delivered':
        await ledger.capture(trx, order.holdId, { toUserId: order.creatorId, cutBps: order.cutBps });
        await jobs.cancel(DEADLINE_JOB, order.id, trx as Trx);
        break;
      case 'refused':
      case 'cancelled':
      case 'expired':
        await ledger.release(trx, order.holdId);
        await jobs.cancel(DEADLINE_JOB, order.id, trx as Trx);
        break;
      case 'commented':
      case 'created':
        break;
      default: {
        const unreachable: never = change;
        throw new Error(`unknown change ${String(unreachable)}`);
      }
    }
    await this.deps.notices.publish(trx, { ...order, lifecycle: next }, change, at);
  }
}

export type { OrderInfo };
