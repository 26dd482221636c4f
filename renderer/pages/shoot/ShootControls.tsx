import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../shared/domain/recording/export-progress';
import { MAX_LENGTH_CHOICES_S } from '../../../shared/domain/recording/take';
import type { TakeAction } from '../../../shared/domain/recording/take';
import { formatSeconds } from '../../components/format';
import type { Microphone } from '../../recording/microphone';
import { listMicrophones, type MicDevice } from '../../recording/microphone';
import type { TakeView } from './use-take';

export type TakeBarProps = Readonly<{
  view: TakeView;
  canRecord: boolean;
  maxLengthS: number;
  onMaxLength: (seconds: number) => void;
  act: (action: TakeAction) => void;
}>;

/** Record / pause / resume / stop, the elapsed clock and the maximum length. */
export function TakeBar({ view, canRecord, maxLengthS, onMaxLength, act }: TakeBarProps) {
  const { t } = useTranslation();
  const active = view.phase === 'recording' || view.phase === 'paused';
  return (
    <div className="shoot-bar" role="group" aria-label={t('shoot.take')}>
      {view.phase === 'idle' || view.phase === 'stopped' ? (
        <button type="button" className="button button--record" disabled={!canRecord || view.busy} onClick={() => act({ type: 'shoot' })}>
          <span className="shoot-dot" aria-hidden="true" /> {t('shoot.record')}
        </button>
      ) : null}
      {view.phase === 'countdown' ? (
        <button type="button" className="button" onClick={() => act({ type: 'stop' })}>
          {t('shoot.cancelCountdown')}
        </button>
      ) : null}
      {view.phase === 'recording' ? (
        <button type="button" className="button" onClick={() => act({ type: 'pause' })}>
          {t('shoot.pause')}
        </button>
      ) : null}
      {view.phase === 'paused' ? (
        <button type="button" className="button" onClick={() => act({ type: 'resume' })}>
          {t('shoot.resume')}
        </button>
      ) : null}
      {active ? (
        <button type="button" className="button button--primary" onClick={() => act({ type: 'stop' })}>
          {t('shoot.stop')}
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
