import { useTranslation } from 'react-i18next';
import { giftGlyph, giftName, giftTint } from './gift-look';
import { reachedSteps, STEPS, type KeptGift } from './room-view';

/** The viewer's own gifts in this room: each one's sending state, live, and the streamer's thanks. */
export function SentGiftList({ gifts, streamerName, timeZone }: Readonly<{ gifts: readonly KeptGift[]; streamerName: string; timeZone: string }>) {
  const { t, i18n } = useTranslation();
  // Room time, as the menu's windows are.
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone });
  if (gifts.length === 0) return null;
  return (
    <section className="card sent-gifts" aria-labelledby="sent-gifts-title">
      <h2 id="sent-gifts-title">{t('rooms.mine')}</h2>
      <ul className="sent-list">
        {gifts.map((gift) => {
          const name = giftName(t, gift.giftId, gift.name);
          const reached = reachedSteps(gift);
          return (
            <li key={gift.id} className="sent-gift" data-testid="sent-gift" data-state={gift.state}>
              <div className="sent-head">
                <span className={`gift-badge small tint-${giftTint(gift.giftId)}`} aria-hidden="true">
                  {giftGlyph(name)}
                </span>
                <span className="sent-name">{name}</span>
                <span className="muted small">{time.format(gift.sentAt)}</span>
              </div>
              {gift.message ? <p className="sent-message">“{gift.message}”</p> : null}
              <p className="sent-state" role="status" data-testid="sending-state">
                {t(`rooms.current.${gift.state}`)}
              </p>
              <ol className="steps" aria-label={t('rooms.mine')}>
                {/* A free gift has nothing to unlock or convert: no claim step. */}
                {STEPS.filter((step) => step !== 'claimed' || gift.coinPrice > 0).map((step) => (
                  <li key={step} className={reached.has(step) ? 'done' : undefined}>
                    {t(`rooms.states.${step}`)}
                  </li>
                ))}
              </ol>
              {gift.thanks ? (
                <blockquote className="thanks" data-testid="thanks">
                  <p className="thanks-from">{t('rooms.thanks', { name: streamerName })}</p>
                  {gift.thanks.text ? <p>{gift.thanks.text}</p> : null}
                  {gift.thanks.mediaUploadId ? <p className="muted small">{t('rooms.thanksMedia')}</p> : null}
                </blockquote>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
