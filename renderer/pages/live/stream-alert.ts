import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { giftGlyph } from './gift-glyphs';
import { useAlerts } from './live-store';
import { streamStore } from './stream-store';

/**
 * Hands the gift alert on screen to the stream (with the same caption and sender lines as the
 * overlay over the preview), so what viewers see matches what the streamer sees; none when it ends.
 */
export function useStreamAlert(): void {
  const { t } = useTranslation();
  const { current, shownAt } = useAlerts();
  useEffect(() => {
    streamStore.setAlert(
      current
        ? {
            key: `${current.id}-${shownAt}`,
            glyph: giftGlyph(current.giftId),
            caption: t('live.alert.caption', { name: current.name }),
            sender: t('live.alert.from', { name: current.sender.displayName, handle: current.sender.handle }),
            message: current.message || null,
          }
        : null,
    );
  }, [current, shownAt, t]);
  useEffect(() => () => streamStore.setAlert(null), []);
}
