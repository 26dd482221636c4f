import { useTranslation } from 'react-i18next';
import { guideTarget, type GuideTarget } from '@shared/domain/guide-targets';
import { viewerPaths } from '@shared/domain/viewer-paths';
import { viewerPageUrl } from '../../app/platform-page-url';
import type { GuideAction } from '@shared/protocol/messages';
import { guideLabelIn } from '@shared/protocol/platform-texts';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { studioClient } from '../../client/studio-client';
import { currentLanguage } from '../../i18n/i18n';
import { useAccount } from '../../publishing/account-store';

/**
 * A system message's guide items as buttons. In the studio an order opens on the Requests page when
 * the account is its creator, and in the viewer app otherwise (an order the account placed, a video
 * forwarded to it); a feed video opens in Discover, a gift on the Live page.
 */
export function GuideActions({ actions }: Readonly<{ actions: readonly GuideAction[] }>) {
  const { t } = useTranslation();
  const account = useAccount();
  if (actions.length === 0) return null;
  const onPlatform = (path: string): void => {
    const url = account?.platformUrl ? viewerPageUrl(account.platformUrl, path) : null;
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
  };
  const open = async (target: GuideTarget): Promise<void> => {
    switch (target.kind) {
      case 'order': {
        const order = await studioClient().orders.get({ orderId: target.orderId });
        if (order.ok && order.value.creator.handle === account?.user?.handle) return navigate(paths.requests(target.orderId));
        return onPlatform(viewerPaths.order(target.orderId, target.section ?? undefined));
      }
      case 'video':
        return navigate(paths.discover(target.videoId));
      case 'shared-video':
        return onPlatform(viewerPaths.sharedVideo(target.token));
      case 'gift':
        return navigate(paths.page('live'));
    }
  };
  return (
    <div className="messages-guide" role="group" aria-label={t('messages.guide')}>
      {actions.map((action) => {
        const target = guideTarget(action);
        return (
          <button key={`${action.kind}-${action.id}`} type="button" className="button" disabled={target === null} onClick={() => target && void open(target)}>
            {guideLabelIn(currentLanguage(), action)}
          </button>
        );
      })}
    </div>
  );
}
