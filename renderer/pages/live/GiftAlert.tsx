import { useTranslation } from 'react-i18next';
import type { ReceivedGift } from '@shared/protocol/gifts';
import { giftName } from '../../i18n/gift-names';
import { GiftImage } from './GiftFeed';
import { soundStore, useSound } from './gift-sound';
import { liveStore, useAlerts } from './live-store';

/** The alert on screen over the preview: the gift's picture (animated), caption, sender and message. */
export function GiftAlertOverlay() {
  const { t } = useTranslation();
  const { current, shownAt } = useAlerts();
  if (!current) return null;
  return (
    // key: a replay of the same gift starts the animation again.
    <div key={`${current.id}-${shownAt}`} className="live-alert" role="status" aria-live="polite" aria-label={t('live.alert.label')} data-gift={current.id}>
      {/* The animation plays once per showing (the key above remounts it), then rests on its last frame, the picture. */}
      <GiftImage giftId={current.giftId} className="live-alert__glyph" kind="animation" />
      <strong className="live-alert__caption">{t('live.alert.caption', { name: giftName(current) })}</strong>
      <span className="live-alert__sender">{t('live.alert.from', { name: current.sender.displayName, handle: current.sender.handle })}</span>
      {current.message ? <q className="live-alert__message">{current.message}</q> : null}
    </div>
  );
}

/** Pause/resume, skip, replay the last alert, volume and mute. */
export function AlertControls() {
  const { t } = useTranslation();
  const { current, paused, waiting, shown } = useAlerts();
  const sound = useSound();
  const last: ReceivedGift | undefined = shown[0];
  return (
    <div className="live-alert-controls" role="group" aria-label={t('live.alert.controls')}>
      <button type="button" className="button" aria-pressed={paused} onClick={() => liveStore.alerts({ type: paused ? 'resume' : 'pause' })}>
        {t(paused ? 'live.alert.resume' : 'live.alert.pause')}
      </button>
      <button type="button" className="button" disabled={!current} onClick={() => liveStore.alerts({ type: 'skip' })}>
        {t('live.alert.skip')}
      </button>
      <button type="button" className="button" disabled={!last} onClick={() => last && liveStore.alerts({ type: 'replay', id: last.id })}>
        {t('live.alert.replayLast')}
      </button>
      <span className="live-alert-controls__waiting">{t('live.alert.waiting', { count: waiting.length })}</span>
      <label className="live-volume">
        <span>{t('live.alert.volume')}</span>
        <input
          type="range"
          min={0}
          max={100}
          value={Math.round(sound.volume * 100)}
          disabled={sound.muted}
          onChange={(e) => soundStore.update((s) => ({ ...s, volume: Number(e.target.value) / 100 }))}
        />
      </label>
      <label className="live-mute">
        <input type="checkbox" checked={sound.muted} onChange={(e) => soundStore.update((s) => ({ ...s, muted: e.target.checked }))} />
        <span>{t('live.alert.mute')}</span>
      </label>
    </div>
  );
}
