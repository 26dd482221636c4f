import { useTranslation } from 'react-i18next';
import type { ReceivedGift } from '@shared/protocol/gifts';
import { formatTime } from './live-format';
import { giftName } from '../../i18n/gift-names';
import { giftGlyph } from './gift-glyphs';
import { liveStore } from './live-store';

/** This session's gifts as they come, newest first: sender, gift, message, time; replay the alert. */
export function GiftFeed({ gifts }: Readonly<{ gifts: readonly ReceivedGift[] }>) {
  const { t } = useTranslation();
  return (
    <section className="live-section live-feed" aria-labelledby="live-feed-title">
      <h2 id="live-feed-title">{t('live.feed.title')}</h2>
      {gifts.length === 0 ? <p className="live-note">{t('live.feed.empty')}</p> : null}
      <ol className="live-feed__list">
        {gifts.map((g) => (
          <li key={g.id} className="live-feed__item" aria-label={t('live.feed.item', { handle: g.sender.handle, name: giftName(g) })}>
            <span className="live-feed__glyph" aria-hidden="true">
              {giftGlyph(g.giftId)}
            </span>
            <span className="live-feed__text">
              <strong>@{g.sender.handle}</strong> {giftName(g)}
              {g.message ? <q className="live-feed__message">{g.message}</q> : null}
            </span>
            <time className="live-feed__time" dateTime={new Date(g.sentAt).toISOString()}>
              {formatTime(g.sentAt)}
            </time>
            <button type="button" className="button button--small" onClick={() => liveStore.alerts({ type: 'replay', id: g.id })} aria-label={t('live.feed.replay', { name: giftName(g) })}>
              ↺
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
