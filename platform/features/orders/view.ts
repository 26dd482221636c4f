import { exchangeSplit } from '@shared/domain/ledger/amounts';
import { orderVideoPath, sharePath, type Order } from '@shared/protocol/orders';
import type { CommentRecord, OrderRecord } from './repository';
import type { OrderUsers } from './service';

/** Turns order records into the protocol's Order for one viewer (a party of each), looking each user up once. */
export class OrderViews {
  constructor(private readonly users: OrderUsers) {}

  async many(records: readonly OrderRecord[], comments: readonly CommentRecord[], viewerId: string): Promise<Order[]> {
    const parties = new Map<string, { id: string; handle: string; displayName: string }>();
    for (const id of new Set(records.flatMap((r) => [r.requesterId, r.creatorId]))) {
      const user = await this.users.byId(id);
      parties.set(id, user ? { id: user.id, handle: user.handle, displayName: user.displayName } : { id, handle: 'deleted', displayName: 'Deleted account' });
    }
    const commentOf = new Map(comments.map((c) => [c.orderId, c]));
    return records.map((r) => toOrder(r, commentOf.get(r.id) ?? null, parties.get(r.requesterId)!, parties.get(r.creatorId)!, viewerId));
  }

  async one(record: OrderRecord, comment: CommentRecord | null, viewerId: string): Promise<Order> {
    return (await this.many([record], comment ? [comment] : [], viewerId))[0]!;
  }
}

function toOrder(r: OrderRecord, comment: CommentRecord | null, requester: Order['requester'], creator: Order['creator'], viewerId: string): Order {
  const { lifecycle } = r;
  const open = lifecycle.state === 'pending_acceptance' || lifecycle.state === 'accepted';
  return {
    id: r.id as Order['id'],
    requester,
    creator,
    priceCoins: r.priceCoins,
    info: r.info,
    state: lifecycle.state,
    cancelReason: lifecycle.cancelReason,
    commented: lifecycle.commented,
    comment: comment ? { ...(comment.stars === null ? {} : { stars: comment.stars }), ...(comment.text === null ? {} : { text: comment.text }), anonymous: comment.anonymous, at: comment.at } : null,
    times: lifecycle.times,
    // Only the deadline the order is waiting on; a finished order has none left to count down.
    deadlines: open ? (lifecycle.state === 'pending_acceptance' ? { acceptBy: lifecycle.deadlines.acceptBy } : { deliverBy: lifecycle.deadlines.deliverBy }) : {},
    videoPath: lifecycle.state === 'delivered' ? orderVideoPath(r.id) : null,
    share: r.shareToken && viewerId === r.requesterId ? { token: r.shareToken, public: r.sharePublic, path: sharePath(r.shareToken) } : null,
    creatorDiamonds: viewerId === r.creatorId ? exchangeSplit(r.priceCoins, r.cutBps).earner : null,
  };
}
