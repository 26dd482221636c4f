import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GiftMediaKind } from '@shared/domain/gifts/media';
import { useAccount } from '../../publishing/account-store';
import type { ReceivedGift } from '@shared/protocol/gifts';
import { formatTime } from './live-format';
import { giftName } from '../../i18n/gift-names';
import { giftGlyph, giftMediaUrl } from './gift-glyphs';
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
            <GiftImage giftId={g.giftId} className="live-feed__glyph" />
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

/**
 * A gift's picture (or its animation) from the platform, decorative (the name is beside it); the
 * glyph stands in without a platform or when the file is missing.
 */
export function GiftImage({ giftId, className, kind = 'image' }: Readonly<{ giftId: string; className: string; kind?: Extract<GiftMediaKind, 'image' | 'animation'> }>) {
  const url = giftMediaUrl(useAccount()?.platformUrl, giftId, kind);
  const [failed, setFailed] = useState<string | null>(null);
  if (!url || failed === url) {
    return (
      <span className={className} aria-hidden="true">
        {giftGlyph(giftId)}
      </span>
    );
  }
  return <img className={`${className} live-gift-image`} src={url} alt="" data-testid={`gift-${kind}`} onError={() => setFailed(url)} />;
}
