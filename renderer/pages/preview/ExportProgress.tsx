import { useTranslation } from 'react-i18next';
import { formatClock } from '@shared/domain/recording/export-progress';
import type { ExportJob } from '@shared/ipc/media-schemas';
import { exportProgressStore } from '../../recording/export-progress-store';
import { formatPercent } from '../../components/format';

export type ExportProgressProps = Readonly<{
  title: string;
  job: ExportJob | null;
  /** The draft row's own text ("40 %", "waiting"), used until the first progress event arrives. */
  fallback: string | null;
}>;

/** The export's progress bar with its ETA and a Cancel button (ffmpeg is stopped, the take kept). */
export function ExportProgress({ title, job, fallback }: ExportProgressProps) {
  const { t } = useTranslation();
  const percent = job ? Math.floor(job.percent) : Number.parseInt(fallback ?? '0', 10) || 0;
  const shownPercent = formatPercent(percent / 100);
  const text = !job
    ? (fallback ?? t('exporting.starting'))
    : job.state === 'queued'
      ? job.ahead > 0
        ? t('exporting.waitingAhead', { count: job.ahead })
        : t('exporting.waiting')
      : job.state === 'finishing'
        ? t('exporting.finishing')
        : job.etaMs !== null
          ? t('exporting.percentEta', { percent: shownPercent, eta: formatClock(job.etaMs + 999) })
          : t('exporting.percent', { percent: shownPercent });
  return (
    <div className="export-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={t('exporting.label', { title })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('exporting.value', { text })}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
        <span className="progress__label">{t('exporting.progress', { text })}</span>
      </div>
      {job ? (
        <button type="button" className="button button--ghost" onClick={() => void exportProgressStore.cancel(job.jobId)} aria-label={t('exporting.cancelLabel', { title })}>
          {t('exporting.cancel')}
        </button>
      ) : null}
    </div>
  );
}
