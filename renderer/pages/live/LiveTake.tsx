import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../components/format';
import { useLiveTake } from './use-live-take';

/** A take from the Live page is cut off at 10 minutes, the longest the shooting page offers. */
const LIVE_TAKE_MAX_S = 600;

/**
 * Records a take of the same canvas (and the stream's microphone) while live: its own recorder,
 * the shooting page's TakeController, so the take lands in Drafts as any other while the stream goes on.
 */
export function LiveTake({ canvas }: Readonly<{ canvas: () => HTMLCanvasElement | null }>) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<string | null>(null);
  const { view, act, recording } = useLiveTake(canvas, LIVE_TAKE_MAX_S, (draft) => setSaved(draft.title ?? draft.id));
  return (
    <div className="live-take">
      {recording ? (
        <button type="button" className="button button--danger" disabled={view.busy} onClick={() => act({ type: 'stop' })}>
          {t('live.stream.take.stop', { time: formatDuration(view.seconds * 1000) })}
        </button>
      ) : (
        <button
          type="button"
          className="button"
          disabled={view.busy}
          onClick={() => {
            setSaved(null);
            // A 1 s countdown: the controller prepares its recorder during the countdown.
            act({ type: 'shoot', countdownSeconds: 1 });
          }}
        >
          {t('live.stream.take.start')}
        </button>
      )}
      {view.busy && !recording ? <span className="live-note">{t('live.stream.take.saving')}</span> : null}
      {saved && !recording && !view.busy ? (
        <span className="live-note" role="status">
          {t('live.stream.take.saved')}
        </span>
      ) : null}
      {view.message ? (
        <span className="form-error" role="alert">
          {view.message}
        </span>
      ) : null}
    </div>
  );
}
