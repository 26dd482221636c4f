import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format';
import { useAccount } from '../../publishing/account-store';
import type { TryOnEngine } from '../../tryon/engine';
import { AlertControls, GiftAlertOverlay } from './GiftAlert';
import { GiftFeed } from './GiftFeed';
import { GiftInbox } from './GiftInbox';
import { LivePreview } from './LivePreview';
import { LiveStats } from './LiveStats';
import { RoomLeaderboard } from './RoomLeaderboard';
import { StreamPanel } from './StreamPanel';
import { liveStore, useLiveSession } from './live-store';
import { streamStore } from './stream-store';
import '../studio/studio.css';
import './live.css';
import { SignedOutNote } from '../../components/SignedOutNote';

/**
 * `/live`: the streamer's live room. Go Live opens it on the platform (the machine's time zone),
 * the preview is the try-on canvas with the current look, gifts arrive live into the feed, the
 * alert over the preview and the inbox; End closes it. The video panel streams the preview to the
 * room and custom destinations with its own Start/Stop; End and leaving the page stop it too.
 */
export function LivePage() {
  const { t } = useTranslation();
  const account = useAccount();
  const { live, gifts, wallet } = useLiveSession();
  const engine = useRef<TryOnEngine | null>(null);
  const onEngine = useCallback((e: TryOnEngine | null) => void (engine.current = e), []);
  const snapshot = useCallback(async () => (engine.current ? engine.current.capturePhoto() : null), []);
  const source = useCallback(() => engine.current, []);
  const canvas = useCallback(() => engine.current?.canvas ?? null, []);
  // The capture needs this page's canvas: leaving the page ends the stream.
  useEffect(() => () => void streamStore.stop(), []);
  const room = live.room;
  const sessionGifts = room ? gifts.filter((g) => g.roomId === room.id) : [];

  return (
    <section className="page live-page" aria-labelledby="live-title">
      <header className="page__header">
        <div>
          <h1 id="live-title">{t('live.title')}</h1>
          <p className="page__subtitle">{room ? t('live.liveAs', { title: room.title }) : t('live.subtitle')}</p>
        </div>
        <div className="page__tools">
          {room ? (
            <span className={live.connected ? 'live-badge is-on' : 'live-badge is-reconnecting'} role="status">
              {t(live.connected ? 'live.onAir' : 'live.reconnecting')}
            </span>
          ) : null}
          {wallet ? <span className="live-wallet">{t('live.wallet', { diamonds: formatNumber(wallet.diamonds) })}</span> : null}
        </div>
      </header>
      {account && !account.signedIn ? (
        <SignedOutNote message={t('live.signedOut')} action={t('live.goToSettings')} />
      ) : (
        <>
          {room ? <EndBar roomId={room.id} /> : <GoLiveForm />}
          <div className="live-body">
            <div className="live-main">
              <LivePreview onEngine={onEngine}>
                <GiftAlertOverlay />
              </LivePreview>
              <AlertControls />
              {room ? <LiveStats room={room} gifts={sessionGifts} /> : null}
              <StreamPanel roomId={room?.id ?? null} source={source} />
            </div>
            <aside className="live-side">
              {room ? <GiftFeed gifts={sessionGifts} /> : null}
              {room ? <RoomLeaderboard roomId={room.id} version={sessionGifts.length} /> : null}
              <GiftInbox gifts={gifts} snapshot={snapshot} canvas={canvas} />
            </aside>
          </div>
        </>
      )}
    </section>
  );
}

function GoLiveForm() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!title.trim()) return setError(t('live.titleNeeded'));
    setBusy(true);
    setError(null);
    const result = await liveStore.goLive(title.trim());
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <form className="live-go" aria-label={t('live.goLiveForm')} onSubmit={(e) => void submit(e)}>
      <label>
        <span>{t('live.roomTitle')}</span>
        <input value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} />
      </label>
      <span className="live-note">{t('live.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</span>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('live.goLive')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function EndBar({ roomId }: Readonly<{ roomId: Parameters<typeof liveStore.end>[0] }>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const end = async (): Promise<void> => {
    setBusy(true);
    await streamStore.stop();
    const result = await liveStore.end(roomId);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className="live-go">
      <button type="button" className="button button--danger" disabled={busy} onClick={() => void end()}>
        {t('live.end')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
