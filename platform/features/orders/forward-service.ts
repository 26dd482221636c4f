import { randomBytes } from 'node:crypto';
import type { Forwarded } from '@shared/protocol/orders';
import { sharedVideoPath, sharePath } from '@shared/protocol/orders';
import type { PlatformText } from '@shared/protocol/platform-texts';
import { ApiError } from '../../kernel/http/api-error';
import type { GuideItem, OrderMessages, OrderNotifier } from './notices';
import type { OrderRecord, OrdersRepository } from './repository';
import type { OrdersExecutor } from './schema';
import type { OrdersService, OrderUsers } from './service';

export interface ForwardDeps {
  readonly repo: OrdersRepository;
  readonly orders: Pick<OrdersService, 'readable'>;
  readonly transaction: <T>(work: (trx: OrdersExecutor) => Promise<T>) => Promise<T>;
  readonly users: OrderUsers;
  readonly messages?: OrderMessages | undefined;
  readonly notifier?: OrderNotifier | undefined;
  readonly now: () => number;
}

export const FORWARD_NOTICE_KIND = 'order.forwarded';

/**
 * Forwarding a delivered video to another account: its private share link is granted to that
 * account and a message with a "Watch" guide item lands in the requester–recipient conversation,
 * in one transaction. Who may open a share link is decided here too.
 */
export class OrderForwards {
  constructor(private readonly deps: ForwardDeps) {}

  async forward(orderId: string, userId: string, body: Readonly<{ toHandle: string; note?: string | undefined; idempotencyKey: string }>): Promise<{ forwarded: Forwarded; replayed: boolean }> {
    const { repo, messages } = this.deps;
    if (!messages) throw new ApiError('internal', 'Messages are not available on this platform');
    const order = await this.deps.orders.readable(orderId, userId);
    if (order.requesterId !== userId) throw new ApiError('forbidden', 'Only the requester can forward this video');
    if (order.lifecycle.state !== 'delivered') throw new ApiError('invalid_state', 'There is no video to forward yet');
    const note = body.note ? body.note : null;
    return this.deps.transaction(async (trx) => {
      // Forwards of one order run one after another (PostgreSQL's row lock): a retried request racing its first try replays it.
      await repo.lockById(orderId, trx);
      const first = await repo.forwardByKey(orderId, body.idempotencyKey, trx);
      const recipient = await this.deps.users.byHandle(body.toHandle.replace(/^@/, '').toLowerCase(), trx);
      if (first) {
        // The same key again answers the first forward; with another recipient or note it is a mistake.
        if (first.recipientId !== recipient?.user.id || first.note !== note) throw new ApiError('idempotency_conflict', 'This idempotency key was already used to forward to someone else');
        return { forwarded: await this.answer(order, recipient.user, first.conversationId, trx), replayed: true };
      }
      if (!recipient) throw new ApiError('not_found', `No account @${body.toHandle}`);
      if (recipient.user.id === userId) throw new ApiError('bad_request', 'You cannot forward a video to yourself');
      await messages.refuseBlocked(trx, userId, recipient.user.id);

      const token = await repo.ensureShareToken(orderId, randomBytes(18).toString('base64url'), trx);
      const creator = await this.deps.users.byId(order.creatorId, trx);
      const sender = await this.deps.users.byId(userId, trx);
      const people = { sender: sender?.handle ?? 'someone', creator: creator?.handle ?? 'someone' };
      const said: PlatformText = note ? { key: 'videoForwardedWithNote', params: { ...people, note } } : { key: 'videoForwarded', params: people };
      const watch: GuideItem = { kind: 'video', id: token };
      const message = await messages.postSystemMessage(trx, { from: userId, to: recipient.user.id, said, actions: [watch], idempotencyKey: `order:${orderId}:forward:${body.idempotencyKey}` });
      await repo.insertForward(
        { order_id: orderId, idempotency_key: body.idempotencyKey, recipient_id: recipient.user.id, note, conversation_id: message.conversationId, created_at: this.deps.now() },
        trx,
      );
      await this.deps.notifier?.notify(trx, recipient.user.id, { kind: FORWARD_NOTICE_KIND, said, target: { kind: 'conversation', id: message.conversationId } });
      return { forwarded: await this.answer(order, recipient.user, message.conversationId, trx), replayed: false };
    });
  }

  /**
   * The order behind a share token if this caller may watch it: anyone when the link is public,
   * otherwise its requester, its creator and the accounts it was forwarded to. Null answers 404.
   */
  async shared(token: string, userId: string | null): Promise<OrderRecord | null> {
    const order = await this.deps.repo.byShareToken(token);
    if (!order || order.lifecycle.state !== 'delivered') return null;
    if (order.sharePublic) return order;
    if (userId === null) return null;
    if (userId === order.requesterId || userId === order.creatorId) return order;
    return (await this.deps.repo.isForwardedTo(order.id, userId)) ? order : null;
  }

  private async answer(order: OrderRecord, to: { readonly id: string; readonly handle: string; readonly displayName: string }, conversationId: string, trx: OrdersExecutor): Promise<Forwarded> {
    const token = (await this.deps.repo.byId(order.id, trx))!.shareToken!;
    return { to: { id: to.id, handle: to.handle, displayName: to.displayName }, conversationId, token, path: sharePath(token), videoPath: sharedVideoPath(token) };
  }
}
