import { useTranslation } from 'react-i18next';
import { giftName } from './gift-look';
import { GiftPicture } from './GiftPicture';
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
                <GiftPicture giftId={gift.giftId} name={name} small />
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
                  {gift.thanks.media?.kind === 'picture' ? (
                    <img className="thanks-media" src={gift.thanks.media.url} alt={t('rooms.thanksPicture', { name: streamerName })} data-testid="thanks-picture" />
                  ) : gift.thanks.media?.kind === 'clip' ? (
                    <video
                      className="thanks-media"
                      src={gift.thanks.media.url}
                      controls
                      playsInline
                      preload="metadata"
                      aria-label={t('rooms.thanksClip', { name: streamerName })}
                      data-testid="thanks-clip"
                    />
                  ) : gift.thanks.mediaUploadId ? (
                    // Thanks from before media were kept: the file is not reachable any more.
                    <p className="muted small">{t('rooms.thanksMedia')}</p>
                  ) : null}
                </blockquote>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
