import type { GuideAction } from '../protocol/messages';
import { VideoId } from '../protocol/ids';
import { OrderId, ShareParams } from '../protocol/orders';

/**
 * What a system message's guide item (a typed action: "Watch", "Details", "Comment") points at,
 * read from its kind and the shape of its id. Each client maps it to one of its own pages.
 */
export type GuideTarget =
  | { readonly kind: 'order'; readonly orderId: OrderId; readonly section: 'watch' | 'comment' | null }
  | { readonly kind: 'video'; readonly videoId: string }
  | { readonly kind: 'shared-video'; readonly token: string }
  | { readonly kind: 'gift'; readonly giftId: string };

export function guideTarget(action: Pick<GuideAction, 'kind' | 'id'>): GuideTarget | null {
  switch (action.kind) {
    case 'video':
      // An order's "Watch" names the order, a feed video its video, a forwarded video its share token.
      if (isOrderId(action.id)) return { kind: 'order', orderId: action.id as OrderId, section: 'watch' };
      return !isVideoId(action.id) && isShareToken(action.id) ? { kind: 'shared-video', token: action.id } : { kind: 'video', videoId: action.id };
    case 'order':
      return { kind: 'order', orderId: action.id as OrderId, section: null };
    case 'comment':
      return isOrderId(action.id) ? { kind: 'order', orderId: action.id as OrderId, section: 'comment' } : null;
    case 'gift':
      return { kind: 'gift', giftId: action.id };
    default: {
      const never: never = action.kind;
      return never;
    }
  }
}

const isOrderId = (id: string): boolean => OrderId.safeParse(id).success;
const isVideoId = (id: string): boolean => VideoId.safeParse(id).success;
const isShareToken = (id: string): boolean => ShareParams.shape.token.safeParse(id).success;
