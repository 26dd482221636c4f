import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReceivedGift } from '@shared/protocol/gifts';
import { formatDate, formatDuration, formatNumber } from '../../components/format';
import { giftName } from '../../i18n/gift-names';
import { liveStore, useOutcomes } from './live-store';
import { GiftImage } from './GiftFeed';
import { useThanksClip, type ThanksClipRecorder } from './thanks-clip';

export type GiftInboxProps = Readonly<{
  gifts: readonly ReceivedGift[];
  /** The preview's current frame as a PNG, for a thanks picture; null when there is no preview. */
  snapshot: () => Promise<Blob | null>;
  /** The preview's canvas, for a thanks clip; null when there is no preview. */
  canvas: () => HTMLCanvasElement | null;
}>;

type Capture = Pick<GiftInboxProps, 'snapshot' | 'canvas'>;

/** Every gift received (the platform's last 100), each with its actions and the auto-convert countdown. */
export function GiftInbox({ gifts, snapshot, canvas }: GiftInboxProps) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <section className="live-section live-inbox" aria-labelledby="live-inbox-title">
      <h2 id="live-inbox-title">{t('live.inbox.title')}</h2>
      {gifts.length === 0 ? <p className="live-note">{t('live.inbox.empty')}</p> : null}
      <ul className="live-inbox__list">
        {gifts.map((g) => (
          <li key={g.id}>
            <GiftCard gift={g} now={now} capture={{ snapshot, canvas }} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function GiftCard({ gift, now, capture }: Readonly<{ gift: ReceivedGift; now: number; capture: Capture }>) {
  const { t } = useTranslation();
  const outcome = useOutcomes().get(gift.id);
  const unlocked = outcome?.unlocked ?? null;
  const converted = outcome?.converted ?? null;
  const redeemed = outcome?.redeemed ?? null;
  const [copied, setCopied] = useState(false);
  const [thanking, setThanking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Thanking first does not end the choice: a thanked gift may still be unlocked or converted.
  const claimable = gift.coinPrice > 0 && gift.claim === null;

  const run = async <T,>(action: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, done: (value: T) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await action();
    setBusy(false);
    if (result.ok) done(result.value);
    else setError(result.error.message);
  };

  return (
    <article className="live-gift" aria-label={t('live.inbox.gift', { name: giftName(gift), handle: gift.sender.handle })} data-gift={gift.id}>
      <header className="live-gift__head">
        <GiftImage giftId={gift.giftId} className="live-gift__glyph" />
        <span>
          <strong>{giftName(gift)}</strong> · @{gift.sender.handle}
          {gift.message ? <q className="live-gift__message">{gift.message}</q> : null}
        </span>
        <span className="live-gift__state" data-state={gift.state}>
          {t(`live.inbox.states.${gift.state}`)}
        </span>
      </header>
      {claimable && gift.autoConvertAt !== null ? <p className="live-gift__countdown">{t('live.inbox.autoConvertIn', { time: formatDuration(gift.autoConvertAt - now) })}</p> : null}
      {claimable && !unlocked ? (
        <div className="live-gift__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => liveStore.unlock(gift.id), ignore)}>
            {t('live.inbox.unlock')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => liveStore.convert(gift.id), ignore)}>
            {t('live.inbox.convert', { diamonds: formatNumber(gift.diamondValue) })}
          </button>
        </div>
      ) : null}
      {unlocked ? (
        <div className="live-gift__code">
          <p>
            {t('live.inbox.codeFor', { item: unlocked.item.name })} <code data-testid="redemption-code">{unlocked.code}</code>
          </p>
          <p className="live-note">{t('live.inbox.codeValid', { date: formatDate(unlocked.expiresAt) })}</p>
          <div className="live-gift__actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                void navigator.clipboard.writeText(unlocked.code).then(
                  () => setCopied(true),
                  () => setError(t('live.inbox.copyFailed')),
                )
              }
            >
              {t(copied ? 'live.inbox.copied' : 'live.inbox.copy')}
            </button>
            {!redeemed ? (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => liveStore.redeem(gift.id), ignore)}>
                {t('live.inbox.sendToMerchant')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {redeemed ? (
        <p className="live-gift__done" role="status">
          {t('live.inbox.redeemed', { item: redeemed.item.name, time: formatDate(redeemed.redeemedAt) })}
        </p>
      ) : null}
      {converted ? (
        <p className="live-gift__done" role="status">
          {t('live.inbox.converted', { diamonds: formatNumber(converted.diamonds), cut: formatNumber(converted.platformCut) })}
        </p>
      ) : null}
      {gift.thanks ? (
        <p className="live-gift__thanks">{thankedLine(t, gift.thanks)}</p>
      ) : thanking ? (
        <ThanksForm gift={gift} capture={capture} onDone={() => setThanking(false)} />
      ) : (
        <div className="live-gift__actions">
          <button type="button" className="button" onClick={() => setThanking(true)}>
            {t('live.inbox.thank')}
          </button>
        </div>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function ThanksForm({ gift, capture, onDone }: Readonly<{ gift: ReceivedGift; capture: Capture; onDone: () => void }>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picture, setPicture] = useState<{ bytes: Uint8Array<ArrayBuffer>; filename: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const recorder = useThanksClip(capture.canvas);
  // The clip recorded last is what goes, unless a picture was chosen after it.
  const clip = picture ? null : recorder.clip;

  const fromBlob = async (blob: Blob, filename: string): Promise<void> => {
    recorder.drop();
    setPicture({ bytes: new Uint8Array(await blob.arrayBuffer()), filename });
  };
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const trimmed = text.trim();
    if (recorder.recording || recorder.view.busy) return setError(t('live.thanks.clipNotDone'));
    if (!trimmed && !picture && !clip) return setError(t('live.thanks.empty'));
    setBusy(true);
    setError(null);
    const result = await liveStore.thank(gift.id, { ...(trimmed ? { text: trimmed } : {}), ...(picture ? { picture } : {}), ...(clip ? { clip: { draftId: clip.id } } : {}) });
    setBusy(false);
    // A refusal keeps the text and the clip (encoded once, main-side): sending again retries.
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <form className="live-thanks" aria-label={t('live.thanks.form', { handle: gift.sender.handle })} onSubmit={(e) => void submit(e)}>
      <label>
        <span>{t('live.thanks.text')}</span>
        <textarea value={text} maxLength={280} rows={2} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="live-gift__actions">
        <label className="button live-thanks__file">
          {t('live.thanks.pictureFile')}
          <input
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp,video/mp4,video/webm"
            onChange={(e) => void (e.target.files?.[0] && fromBlob(e.target.files[0], e.target.files[0].name))}
          />
        </label>
        <button
          type="button"
          className="button"
          onClick={() =>
            void capture.snapshot().then(
              (blob) => (blob ? fromBlob(blob, 'live-snapshot.png') : setError(t('live.thanks.noSnapshot'))),
              () => setError(t('live.thanks.noSnapshot')),
            )
          }
        >
          {t('live.thanks.snapshot')}
        </button>
        <ClipButton recorder={recorder} onRecord={() => setPicture(null)} />
        {picture ? <span className="live-note">{t('live.thanks.attached', { name: picture.filename })}</span> : null}
        {clip && !recorder.recording ? (
          <span className="live-note" data-testid="thanks-clip-attached">
            {t('live.thanks.clipAttached', { duration: formatDuration(clip.durationMs ?? 0) })}
          </span>
        ) : null}
      </div>
      <div className="live-gift__actions">
        <button type="submit" className="button button--primary" disabled={busy || recorder.recording || recorder.view.busy}>
          {t(busy && clip ? 'live.thanks.sendingClip' : 'live.thanks.send')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {(error ?? recorder.view.message) ? (
        <p className="form-error" role="alert">
          {error ?? recorder.view.message}
        </p>
      ) : null}
    </form>
  );
}

/** Record a clip → (1 s countdown) → Stop with the seconds left → saving; the take stops itself at 15 s. */
function ClipButton({ recorder, onRecord }: Readonly<{ recorder: ThanksClipRecorder; onRecord: () => void }>) {
  const { t } = useTranslation();
  const { view } = recorder;
  if (recorder.recording)
    return (
      <>
        <button type="button" className="button button--danger" disabled={view.phase === 'countdown'} onClick={recorder.stop}>
          {t('live.thanks.stopClip')}
        </button>
        <span className="live-thanks__countdown" role="timer" aria-label={t('live.thanks.clipLeftLabel')}>
          {view.phase === 'countdown' ? t('live.thanks.clipStartsIn', { n: view.countdown }) : t('live.thanks.clipLeft', { time: formatDuration(recorder.secondsLeft * 1000) })}
        </span>
      </>
    );
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={view.busy}
        onClick={() => {
          onRecord();
          recorder.record();
        }}
      >
        {t(recorder.clip ? 'live.thanks.recordAgain' : 'live.thanks.recordClip')}
      </button>
      {view.busy ? <span className="live-note">{t('live.thanks.savingClip')}</span> : null}
    </>
  );
}

/** What the card says of a sent thanks: its text, and whether a picture or a clip went with it. */
function thankedLine(t: TFunction, thanks: NonNullable<ReceivedGift['thanks']>): string {
  const kind = thanks.media?.kind ?? null;
  if (kind === 'clip') return thanks.text ? t('live.inbox.thankedClipWith', { text: thanks.text }) : t('live.inbox.thankedClip');
  if (kind === 'picture') return thanks.text ? t('live.inbox.thankedPictureWith', { text: thanks.text }) : t('live.inbox.thankedPictureOnly');
  // Thanks from before media were kept say only that something went with them.
  return thanks.text ? t('live.inbox.thankedWith', { text: thanks.text }) : t('live.inbox.thankedPicture');
}

/** The outcome is kept by the store (useOutcomes); nothing more to do with it here. */
const ignore = (): void => undefined;

/** The time now, updated each second (for countdowns). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}
