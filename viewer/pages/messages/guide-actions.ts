import type { GuideAction } from '@shared/protocol/messages';
import type { NotificationTarget } from '@shared/protocol/notifications';
import { guideTarget } from '@shared/domain/guide-targets';
import { paths } from '../../app/routes';

/**
 * Where a system message's guide item (a typed action: "Watch", "Details", "Comment") leads in the
 * viewer app; null while the page for that kind does not exist here yet (gifts: their issue).
 */
export function guideActionPath(action: Pick<GuideAction, 'kind' | 'id'>): string | null {
  const target = guideTarget(action);
  switch (target?.kind) {
    case 'order':
      return paths.order(target.orderId, target.section ?? undefined);
    case 'video':
      return paths.video(target.videoId);
    case 'shared-video':
      return paths.sharedVideo(target.token);
    default:
      return null;
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
