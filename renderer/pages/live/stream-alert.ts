import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { giftName } from '../../i18n/gift-names';
import { useAccount } from '../../publishing/account-store';
import { giftGlyph, giftMediaUrl } from './gift-glyphs';
import { useAlerts } from './live-store';
import { streamStore } from './stream-store';

/**
 * Hands the gift alert on screen to the stream (with the same caption and sender lines as the
 * overlay over the preview), so what viewers see matches what the streamer sees; none when it ends.
 */
export function useStreamAlert(): void {
  const { t } = useTranslation();
  const { current, shownAt } = useAlerts();
  const platformUrl = useAccount()?.platformUrl;
  useEffect(() => {
    streamStore.setAlert(
      current
        ? {
            key: `${current.id}-${shownAt}`,
            glyph: giftGlyph(current.giftId),
            imageUrl: giftMediaUrl(platformUrl, current.giftId, 'image'),
            caption: t('live.alert.caption', { name: giftName(current) }),
            sender: t('live.alert.from', { name: current.sender.displayName, handle: current.sender.handle }),
            message: current.message || null,
          }
        : null,
    );
  }, [current, shownAt, platformUrl, t]);
  useEffect(() => () => streamStore.setAlert(null), []);
}
