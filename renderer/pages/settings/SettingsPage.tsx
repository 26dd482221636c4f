import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_CRF_MAX, EXPORT_CRF_MIN, X264Preset } from '@shared/domain/recording/encoder-settings';
import { AUTO_MIN_CORES, EncodeTiming } from '@shared/domain/recording/encode-timing';
import { MAX_LENGTH_CHOICES_S } from '@shared/domain/recording/take';
import type { SettingsPatch, SettingsView } from '@shared/ipc/media-schemas';
import { formatSeconds } from '../../components/format';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { HandsFreeSettings } from './HandsFreeSettings';
import { HotkeySettings } from './HotkeySettings';
import { LanguageSettings } from './LanguageSettings';
import { PlatformAccount } from './PlatformAccount';
import { RenderingQualitySettings } from './RenderingQualitySettings';
import { settingsStore } from './settings-store';
import './settings.css';

type Message = { tone: 'info' | 'error'; text: string } | null;

/** Export encoder, recording length and which ffmpeg the studio uses; stored in the studio database. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [preset, setPreset] = useState<X264Preset>('veryfast');
  const [crf, setCrf] = useState(23);
  const [maxLengthS, setMaxLengthS] = useState(60);
  const [ffmpegPath, setFfmpegPath] = useState('');
  const [exportMirrored, setExportMirrored] = useState(false);
  const [encodeTiming, setEncodeTiming] = useState<EncodeTiming>('auto');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const show = (view: SettingsView): void => {
    setSaved(view);
    setPreset(view.encoder.preset);
    setCrf(view.encoder.crf);
    setMaxLengthS(view.maxLengthS);
    setFfmpegPath(view.ffmpegPath ?? '');
    setExportMirrored(view.exportMirrored);
    setEncodeTiming(view.encodeTiming ?? 'auto');
  };

  useEffect(() => {
    void settingsStore.load().then((r) => (r.ok ? show(r.value) : setMessage({ tone: 'error', text: r.error.message })));
  }, []);

  const save = async (patch: SettingsPatch, done: string): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const result = await settingsStore.save(patch);
    setBusy(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
    show(result.value);
    setMessage({ tone: 'info', text: done });
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void save({ encoder: { preset, crf }, maxLengthS, exportMirrored, encodeTiming, ffmpegPath: ffmpegPath.trim() === '' ? null : ffmpegPath.trim() }, t('settings.saved'));
  };

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <header className="page__header">
        <div>
          <h1 id="settings-title">{t('settings.title')}</h1>
          <p className="page__subtitle">{t('settings.subtitle')}</p>
        </div>
      </header>
      <LanguageSettings />
      <form className="settings-form" onSubmit={onSubmit} aria-busy={busy}>
        <fieldset className="settings-group">
          <legend>{t('settings.export')}</legend>
          <label className="settings-field">
            <span>{t('settings.encoderSpeed')}</span>
            <select value={preset} onChange={(e) => setPreset(e.target.value as X264Preset)} aria-describedby="preset-help">
              {X264Preset.options.map((p) => (
                <option key={p} value={p}>
                  {t(`settings.presets.${p}`)}
                </option>
              ))}
            </select>
            <small id="preset-help">{t('settings.presetHelp')}</small>
          </label>
          <label className="settings-field">
            <span>
              {t('settings.quality')} <output>{crf}</output>
            </span>
            <input
              type="range"
              min={EXPORT_CRF_MIN}
              max={EXPORT_CRF_MAX}
              step={1}
              value={crf}
              onChange={(e) => setCrf(Number(e.target.value))}
              aria-label={t('settings.quality')}
              aria-describedby="crf-help"
              aria-valuetext={t('settings.crf', { crf })}
            />
            <small id="crf-help">{t('settings.crfHelp', { min: EXPORT_CRF_MIN, max: EXPORT_CRF_MAX })}</small>
          </label>
          <label className="settings-field">
            <span className="settings-toggle">
              <input type="checkbox" checked={exportMirrored} onChange={(e) => setExportMirrored(e.target.checked)} aria-describedby="mirror-help" />
              {t('settings.exportMirrored')}
            </span>
            <small id="mirror-help">{t('settings.exportMirroredHelp')}</small>
          </label>
        </fieldset>
        <fieldset className="settings-group">
          <legend>{t('settings.recording')}</legend>
          <label className="settings-field">
            <span>{t('settings.maxTake')}</span>
            <select value={maxLengthS} onChange={(e) => setMaxLengthS(Number(e.target.value))}>
              {MAX_LENGTH_CHOICES_S.map((s) => (
                <option key={s} value={s}>
                  {formatSeconds(s, { long: true })}
                </option>
              ))}
            </select>
          </label>
          <label className="settings-field">
            <span>{t('settings.encodeTiming')}</span>
            <select value={encodeTiming} onChange={(e) => setEncodeTiming(e.target.value as EncodeTiming)} aria-describedby="encode-timing-help">
              {EncodeTiming.options.map((timing) => (
                <option key={timing} value={timing}>
                  {t(`settings.encodeTimings.${timing}`)}
                </option>
              ))}
            </select>
            <small id="encode-timing-help">{t('settings.encodeTimingHelp', { min: AUTO_MIN_CORES, cores: navigator.hardwareConcurrency })}</small>
          </label>
        </fieldset>
        <fieldset className="settings-group">
          <legend>{t('settings.ffmpeg')}</legend>
          <label className="settings-field">
            <span>{t('settings.ffmpegPath')}</span>
            <input type="text" value={ffmpegPath} placeholder={t('settings.ffmpegAuto')} onChange={(e) => setFfmpegPath(e.target.value)} spellCheck={false} aria-describedby="ffmpeg-help" />
            <small id="ffmpeg-help">
              {saved?.ffmpeg.path
                ? saved.ffmpeg.version
                  ? t('settings.ffmpegInUseVersion', { path: saved.ffmpeg.path, source: saved.ffmpeg.source ?? '?', version: saved.ffmpeg.version })
                  : t('settings.ffmpegInUse', { path: saved.ffmpeg.path, source: saved.ffmpeg.source ?? '?' })
                : t('settings.ffmpegMissing')}
            </small>
          </label>
        </fieldset>
        <div className="settings-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('settings.save')}
          </button>
          {message ? (
            <p className={`toast toast--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
      <HotkeySettings />
      <HandsFreeSettings />
      <RenderingQualitySettings />
      <PlatformAccount />
      <DiagnosticsPanel />
    </section>
  );
}
