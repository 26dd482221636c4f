import type { GuideAction } from '@shared/protocol/messages';
import type { NotificationTarget } from '@shared/protocol/notifications';
import { VideoId } from '@shared/protocol/ids';
import { OrderId, ShareParams } from '@shared/protocol/orders';
import { paths } from '../../app/routes';

/**
 * Where a system message's guide item (a typed action: "Watch", "Details", "Comment") leads in the
 * viewer app; null while the page for that kind does not exist here yet (gifts: their issue).
 */
export function guideActionPath(action: Pick<GuideAction, 'kind' | 'id'>): string | null {
  switch (action.kind) {
    case 'video':
      // An order's "Watch" names the order, a feed video its video, a forwarded video its share token.
      if (isOrderId(action.id)) return paths.order(action.id, 'watch');
      return !isVideoId(action.id) && isShareToken(action.id) ? paths.sharedVideo(action.id) : paths.video(action.id);
    case 'order':
      return paths.order(action.id);
    case 'comment':
      return isOrderId(action.id) ? paths.order(action.id, 'comment') : null;
    case 'gift':
      return null;
    default: {
      const never: never = action.kind;
      return never;
    }
  }
}

/** Where opening a notification goes. */
export function notificationPath(target: NotificationTarget): string | null {
  switch (target.kind) {
    case 'conversation':
      return paths.messages(target.id);
    case 'video':
      return paths.video(target.id);
    case 'user':
      return paths.profile(target.id);
    case 'order':
      return paths.order(target.id);
    case 'gift':
    case 'comment':
    case 'room':
      return null;
    default: {
      const never: never = target.kind;
      return never;
    }
  }
}

const isOrderId = (id: string): boolean => OrderId.safeParse(id).success;
const isVideoId = (id: string): boolean => VideoId.safeParse(id).success;
const isShareToken = (id: string): boolean => ShareParams.shape.token.safeParse(id).success;
