import { useEffect, useState, type FormEvent } from 'react';
import { EXPORT_CRF_MAX, EXPORT_CRF_MIN, X264Preset } from '../../../shared/domain/recording/encoder-settings';
import { MAX_LENGTH_CHOICES_S } from '../../../shared/domain/recording/take';
import type { SettingsView } from '../../../shared/ipc/media-schemas';
import { studioClient } from '../../client/studio-client';
import { PlatformAccount } from './PlatformAccount';
import './settings.css';

const PRESET_NOTE: Readonly<Record<X264Preset, string>> = {
  superfast: 'superfast — quickest, largest files',
  veryfast: 'veryfast — recommended',
  faster: 'faster',
  fast: 'fast',
  medium: 'medium — smaller files, slower',
  slow: 'slow — smallest files, slowest',
};

type Message = { tone: 'info' | 'error'; text: string } | null;

/** Export encoder, recording length and which ffmpeg the studio uses; stored in the studio database. */
export function SettingsPage() {
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [preset, setPreset] = useState<X264Preset>('veryfast');
  const [crf, setCrf] = useState(23);
  const [maxLengthS, setMaxLengthS] = useState(60);
  const [ffmpegPath, setFfmpegPath] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  const show = (view: SettingsView): void => {
    setSaved(view);
    setPreset(view.encoder.preset);
    setCrf(view.encoder.crf);
    setMaxLengthS(view.maxLengthS);
    setFfmpegPath(view.ffmpegPath ?? '');
  };

  useEffect(() => {
    void studioClient()
      .settings.get()
      .then((r) => (r.ok ? show(r.value) : setMessage({ tone: 'error', text: r.error.message })));
  }, []);

  const save = async (patch: Parameters<ReturnType<typeof studioClient>['settings']['set']>[0], done: string): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const result = await studioClient().settings.set(patch);
    setBusy(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
    show(result.value);
    setMessage({ tone: 'info', text: done });
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void save({ encoder: { preset, crf }, maxLengthS, ffmpegPath: ffmpegPath.trim() === '' ? null : ffmpegPath.trim() }, 'Settings saved. They apply from the next export.');
  };

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <header className="page__header">
        <div>
          <h1 id="settings-title">Settings</h1>
          <p className="page__subtitle">Export quality, recording length and the ffmpeg the studio uses.</p>
        </div>
      </header>
      <form className="settings-form" onSubmit={onSubmit} aria-busy={busy}>
        <fieldset className="settings-group">
          <legend>Export</legend>
          <label className="settings-field">
            <span>Encoder speed</span>
            <select value={preset} onChange={(e) => setPreset(e.target.value as X264Preset)} aria-describedby="preset-help">
              {X264Preset.options.map((p) => (
                <option key={p} value={p}>
                  {PRESET_NOTE[p]}
                </option>
              ))}
            </select>
            <small id="preset-help">Slower presets make smaller files at the same quality.</small>
          </label>
          <label className="settings-field">
            <span>
              Quality <output>{crf}</output>
            </span>
            <input type="range" min={EXPORT_CRF_MIN} max={EXPORT_CRF_MAX} step={1} value={crf} onChange={(e) => setCrf(Number(e.target.value))} aria-label="Quality" aria-describedby="crf-help" aria-valuetext={`CRF ${crf}`} />
            <small id="crf-help">
              x264 CRF: lower is sharper and larger ({EXPORT_CRF_MIN} best, {EXPORT_CRF_MAX} smallest); 23 is a good balance.
            </small>
          </label>
        </fieldset>
        <fieldset className="settings-group">
          <legend>Recording</legend>
          <label className="settings-field">
            <span>Maximum take length</span>
            <select value={maxLengthS} onChange={(e) => setMaxLengthS(Number(e.target.value))}>
              {MAX_LENGTH_CHOICES_S.map((s) => (
                <option key={s} value={s}>
                  {s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="settings-group">
          <legend>ffmpeg</legend>
          <label className="settings-field">
            <span>ffmpeg path</span>
            <input type="text" value={ffmpegPath} placeholder="Automatic (FFMPEG_PATH, bundled, then PATH)" onChange={(e) => setFfmpegPath(e.target.value)} spellCheck={false} aria-describedby="ffmpeg-help" />
            <small id="ffmpeg-help">
              {saved?.ffmpeg.path ? `In use: ${saved.ffmpeg.path} (${saved.ffmpeg.source})${saved.ffmpeg.version ? ` — ${saved.ffmpeg.version}` : ''}` : 'No working ffmpeg was found: exports need one.'}
            </small>
          </label>
        </fieldset>
        <div className="settings-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Save settings
          </button>
          {message ? (
            <p className={`toast toast--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
      <PlatformAccount />
    </section>
  );
}
