import type { OrderInfo } from '@shared/domain/orders/info';
import type { OrderChange } from '@shared/domain/orders/lifecycle';
import type { PlatformText } from '@shared/protocol/platform-texts';
import type { EventLog } from '../../kernel/events/event-log';
import type { OrderRecord } from './repository';
import type { OrdersExecutor } from './schema';

/** A guide item under a system message, labelled by its kind: "Details" (the order page), "Watch", "Comment". */
export interface GuideItem {
  readonly kind: 'order' | 'video' | 'comment';
  readonly id: string;
}

/**
 * The messages feature's system messages as this feature uses them (its `SystemMessages`), always
 * inside the order's transaction, so the message exists if and only if the change commits.
 */
export interface OrderMessages {
  postSystemMessage(
    trx: OrdersExecutor,
    input: Readonly<{ from: string; to: string; said: PlatformText; actions: readonly GuideItem[]; idempotencyKey?: string }>,
  ): Promise<{ readonly conversationId: string }>;
  /** 403 `blocked` when either blocked the other (the messages feature's block list). */
  refuseBlocked(trx: OrdersExecutor, senderId: string, recipientId: string): Promise<void>;
}

/** The notifications feature's `Notifier`: the other party's badge (a forward's recipient: their conversation). */
export interface OrderNotifier {
  notify(trx: OrdersExecutor, userId: string, input: Readonly<{ kind: string; said: PlatformText; target: { readonly kind: 'order' | 'conversation'; readonly id: string } }>): Promise<unknown>;
}

export type OrderEvent = OrderChange | 'created';

/**
 * Everything said about an order change, written in the change's transaction: the event on
 * `order:<id>` and on both parties' `user:<id>` topics, the system message in their conversation
 * and a notification for whoever did not act (both, when the clock acted).
 */
export class OrderNotices {
  constructor(
    private readonly deps: Readonly<{
      events: Pick<EventLog, 'publish'>;
      messages?: OrderMessages | undefined;
      notifier?: OrderNotifier | undefined;
      handleOf: (userId: string, trx: OrdersExecutor) => Promise<string>;
    }>,
  ) {}

  async publish(trx: OrdersExecutor, order: OrderRecord, change: OrderEvent, at: number): Promise<void> {
    const data = { orderId: order.id, state: order.lifecycle.state, change, requesterId: order.requesterId, creatorId: order.creatorId };
    const type = `order.${change}`;
    for (const topic of [`order:${order.id}`, `user:${order.requesterId}`, `user:${order.creatorId}`]) await this.deps.events.publish(trx, { topic, type, data, at });

    const said = await this.say(trx, order, change);
    const { messages, notifier } = this.deps;
    if (messages) await messages.postSystemMessage(trx, { from: said.from, to: said.to, said: said.text, actions: said.actions, idempotencyKey: `order:${order.id}:${change}` });
    if (notifier) {
      for (const userId of said.notify) await notifier.notify(trx, userId, { kind: type, said: said.text, target: { kind: 'order', id: order.id } });
    }
  }

  /** The message for a change: who it comes from (the party that acted), its sentence and guide items. */
  async say(trx: OrdersExecutor, order: OrderRecord, change: OrderEvent): Promise<{ from: string; to: string; text: PlatformText; actions: GuideItem[]; notify: string[] }> {
    const details: GuideItem = { kind: 'order', id: order.id };
    const byRequester = { from: order.requesterId, to: order.creatorId, notify: [order.creatorId] };
    const byCreator = { from: order.creatorId, to: order.requesterId, notify: [order.requesterId] };
    switch (change) {
      case 'created':
        return { ...byRequester, text: requested(await this.deps.handleOf(order.requesterId, trx), order.info), actions: [details] };
      case 'accepted':
        return { ...byCreator, text: { key: 'orderAccepted', params: {} }, actions: [details] };
      case 'delivered':
        return { ...byCreator, text: { key: 'orderDelivered', params: {} }, actions: [details, { kind: 'video', id: order.id }, { kind: 'comment', id: order.id }] };
      case 'commented':
        return { ...byRequester, text: { key: 'orderCommented', params: {} }, actions: [details, { kind: 'comment', id: order.id }] };
      case 'refused':
      case 'cancelled':
      case 'expired': {
        const reason = order.lifecycle.cancelReason;
        // Every cancel records its reason; the lifecycle's type allows none only before one.
        const kind = reason?.kind ?? 'cancelled_by_requester';
        const text: PlatformText = reason?.text ? { key: 'orderCancelledWithText', params: { reason: kind, text: reason.text } } : { key: 'orderCancelled', params: { reason: kind } };
        if (change === 'expired') return { from: order.creatorId, to: order.requesterId, text, actions: [details], notify: [order.requesterId, order.creatorId] };
        const actedByRequester = reason?.kind === 'cancelled_by_requester';
        return { ...(actedByRequester ? byRequester : byCreator), text, actions: [details] };
      }
      default: {
        const unreachable: never = change;
        throw new Error(`unknown change ${String(unreachable)}`);
      }
    }
  }
}

/** "New request from @ana: birthday video for Zhang" as key and parameters (the occasion as chosen, named in each language). */
export function requested(requester: string, info: OrderInfo): PlatformText {
  if (info.forWhom === 'Myself') return { key: 'orderRequestedForSelf', params: { requester, occasion: info.occasion } };
  return { key: 'orderRequested', params: { requester, occasion: info.occasion, who: info.name ?? info.address } };
}
