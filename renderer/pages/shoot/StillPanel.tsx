import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { formatSeconds } from '../../components/format';
import { makeStillVideo } from '../../recording/still-video';
import type { TakeLook } from '../../recording/take-controller';
import type { TryOnEngine } from '../../tryon/engine';

export type StillPanelProps = Readonly<{
  engine: TryOnEngine | null;
  look: TakeLook;
}>;

const LENGTHS = [5, 10, 15, 30, 60] as const;
/** A look on a still photo: its composited frame becomes a video of the chosen length. */
export function StillPanel({ engine, look }: StillPanelProps) {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState<number>(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const make = async (): Promise<void> => {
    if (!engine) return;
    setBusy(true);
    setError(null);
    try {
      const result = await makeStillVideo(await engine.capturePhoto(), seconds, look);
      if (!result.ok) throw new Error(result.error.message);
      navigate(paths.preview(result.value.draft.id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <div className="shoot-bar" role="group" aria-label={t('shoot.still.group')}>
      <label className="studio-field">
        <span>{t('shoot.still.length')}</span>
        <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} aria-label={t('shoot.still.length')}>
          {LENGTHS.map((s) => (
            <option key={s} value={s}>
              {formatSeconds(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--record" disabled={busy || !engine} onClick={() => void make()}>
        {t(busy ? 'shoot.still.making' : 'shoot.still.make')}
      </button>
      {error ? (
        <span role="alert" className="shoot-note">
          {error}
        </span>
      ) : null}
    </div>
  );
}
