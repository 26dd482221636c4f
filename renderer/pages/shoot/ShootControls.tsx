import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '@shared/domain/recording/export-progress';
import { MAX_LENGTH_CHOICES_S } from '@shared/domain/recording/take';
import type { TakeAction } from '@shared/domain/recording/take';
import type { RecordingHotkeys } from '@shared/domain/recording/hotkeys';
import { formatSeconds } from '../../components/format';
import type { Microphone } from '../../recording/microphone';
import { listMicrophones, type MicDevice } from '../../recording/microphone';
import { ariaShortcut, withShortcut } from './use-hotkeys';
import type { TakeView } from './use-take';

export type TakeBarProps = Readonly<{
  view: TakeView;
  canRecord: boolean;
  maxLengthS: number;
  onMaxLength: (seconds: number) => void;
  act: (action: TakeAction) => void;
  /** Shown in the buttons' tooltips (and aria-keyshortcuts). */
  hotkeys: RecordingHotkeys;
}>;

/**
 * Record / pause / resume / stop, the elapsed clock and the maximum length. Record, Cancel
 * countdown and Stop are one button that changes its label, so keyboard focus stays on it when
 * it toggles (three buttons used to replace each other and drop focus to the page).
 */
export function TakeBar({ view, canRecord, maxLengthS, onMaxLength, act, hotkeys }: TakeBarProps) {
  const { t } = useTranslation();
  const active = view.phase === 'recording' || view.phase === 'paused';
  const main =
    view.phase === 'countdown'
      ? { label: t('shoot.cancelCountdown'), action: { type: 'stop' } as const, className: 'button' }
      : active
        ? { label: t('shoot.stop'), action: { type: 'stop' } as const, className: 'button button--primary' }
        : { label: t('shoot.record'), action: { type: 'shoot' } as const, className: 'button button--record' };
  const idle = view.phase === 'idle' || view.phase === 'stopped';
  return (
    <div className="shoot-bar" role="group" aria-label={t('shoot.take')}>
      <button
        type="button"
        className={main.className}
        disabled={idle && (!canRecord || view.busy)}
        onClick={() => act(main.action)}
        title={withShortcut(main.label, hotkeys.recordStop)}
        aria-keyshortcuts={ariaShortcut(hotkeys.recordStop)}
      >
        {idle ? <span className="shoot-dot" aria-hidden="true" /> : null} {main.label}
      </button>
      {active ? (
        <button
          type="button"
          className="button"
          onClick={() => act({ type: view.phase === 'paused' ? 'resume' : 'pause' })}
          title={withShortcut(t(view.phase === 'paused' ? 'shoot.resume' : 'shoot.pause'), hotkeys.pause)}
          aria-keyshortcuts={ariaShortcut(hotkeys.pause)}
        >
          {t(view.phase === 'paused' ? 'shoot.resume' : 'shoot.pause')}
        </button>
      ) : null}
      <span className={`shoot-clock${view.phase === 'recording' ? ' is-live' : ''}`} role="timer" aria-label={t('shoot.elapsed')}>
        {formatClock(view.seconds * 1000)}
      </span>
      <span className="shoot-clock__max">/ {formatClock(maxLengthS * 1000)}</span>
      <label className="studio-field">
        <span>{t('shoot.maxLength')}</span>
        <select value={maxLengthS} disabled={active || view.phase === 'countdown'} onChange={(e) => onMaxLength(Number(e.target.value))} aria-label={t('shoot.maxLength')}>
          {MAX_LENGTH_CHOICES_S.map((s) => (
            <option key={s} value={s}>
              {formatSeconds(s)}
            </option>
          ))}
        </select>
      </label>
      {view.busy ? (
        <span role="status" className="shoot-saving">
          {t('shoot.saving')}
        </span>
      ) : null}
    </div>
  );
}

export type MicPanelProps = Readonly<{ mic: Microphone; disabled: boolean }>;

/** Microphone choice, a live level meter (drawn by the Microphone, not React) and mute. */
export function MicPanel({ mic, disabled }: MicPanelProps) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<MicDevice[]>([]);
  const [deviceId, setDeviceId] = useState('');
  const [muted, setMuted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const meter = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let live = true;
    mic.attachMeter(meter.current);
    void mic.open(deviceId || null).then((error) => {
      if (!live) return;
      setProblem(error);
      void listMicrophones().then((list) => live && setDevices(list));
    });
    return () => {
      live = false;
    };
  }, [mic, deviceId]);

  return (
    <fieldset className="shoot-panel__group">
      <legend>{t('shoot.mic.title')}</legend>
      <select value={deviceId} disabled={disabled} onChange={(e) => setDeviceId(e.target.value)} aria-label={t('shoot.mic.title')}>
        <option value="">{t('shoot.mic.default')}</option>
        {devices
          .filter((d) => d.deviceId && d.deviceId !== 'default')
          .map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
      </select>
      <span className="shoot-meter" role="meter" aria-label={t('shoot.mic.level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0}>
        <span ref={meter} className="shoot-meter__fill" />
      </span>
      <label className="studio-toggle">
        <input
          type="checkbox"
          checked={muted}
          onChange={(e) => {
            setMuted(e.target.checked);
            mic.setMuted(e.target.checked);
          }}
        />
        <span>{t('shoot.mic.mute')}</span>
      </label>
      {problem ? <p className="shoot-note">{problem}</p> : null}
    </fieldset>
  );
}
