import { describeRequest } from '@shared/domain/orders/info';
import { CANCEL_LABELS, type OrderChange } from '@shared/domain/orders/lifecycle';
import type { EventLog } from '../../kernel/events/event-log';
import type { OrderRecord } from './repository';
import type { OrdersExecutor } from './schema';

/** A guide item under a system message: "Details" (the order page), "Watch", "Comment". */
export interface GuideItem {
  readonly kind: 'order' | 'video' | 'comment';
  readonly id: string;
  readonly label: string;
}

/**
 * The messages feature's system messages as this feature uses them (its `SystemMessages`), always
 * inside the order's transaction, so the message exists if and only if the change commits.
 */
export interface OrderMessages {
  postSystemMessage(
    trx: OrdersExecutor,
    input: Readonly<{ from: string; to: string; text: string; actions: readonly GuideItem[]; idempotencyKey?: string }>,
  ): Promise<{ readonly conversationId: string }>;
  /** 403 `blocked` when either blocked the other (the messages feature's block list). */
  refuseBlocked(trx: OrdersExecutor, senderId: string, recipientId: string): Promise<void>;
}

/** The notifications feature's `Notifier`: the other party's badge (a forward's recipient: their conversation). */
export interface OrderNotifier {
  notify(trx: OrdersExecutor, userId: string, input: Readonly<{ kind: string; text: string; target: { readonly kind: 'order' | 'conversation'; readonly id: string } }>): Promise<unknown>;
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
    if (messages) await messages.postSystemMessage(trx, { from: said.from, to: said.to, text: said.text, actions: said.actions, idempotencyKey: `order:${order.id}:${change}` });
    if (notifier) {
      for (const userId of said.notify) await notifier.notify(trx, userId, { kind: type, text: said.text, target: { kind: 'order', id: order.id } });
    }
  }

  /** The message for a change: who it comes from (the party that acted), its text and guide items. */
  async say(trx: OrdersExecutor, order: OrderRecord, change: OrderEvent): Promise<{ from: string; to: string; text: string; actions: GuideItem[]; notify: string[] }> {
    const details: GuideItem = { kind: 'order', id: order.id, label: 'Details' };
    const byRequester = { from: order.requesterId, to: order.creatorId, notify: [order.creatorId] };
    const byCreator = { from: order.creatorId, to: order.requesterId, notify: [order.requesterId] };
    switch (change) {
      case 'created':
        return { ...byRequester, text: `New request from @${await this.deps.handleOf(order.requesterId, trx)}: ${describeRequest(order.info)}`, actions: [details] };
      case 'accepted':
        return { ...byCreator, text: 'Request accepted', actions: [details] };
      case 'delivered':
        return { ...byCreator, text: 'Video sent', actions: [details, { kind: 'video', id: order.id, label: 'Watch' }, { kind: 'comment', id: order.id, label: 'Comment' }] };
      case 'commented':
        return { ...byRequester, text: 'New comment on your video', actions: [details, { kind: 'comment', id: order.id, label: 'Comment' }] };
      case 'refused':
      case 'cancelled':
      case 'expired': {
        const reason = order.lifecycle.cancelReason;
        const label = reason ? CANCEL_LABELS[reason.kind] : 'Cancelled';
        const text = `Request cancelled: ${label}${reason?.text ? ` (${reason.text})` : ''}`;
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
