import { formatClock } from '../../../shared/domain/recording/export-progress';
import type { ExportJob } from '../../../shared/ipc/media-schemas';
import { studioClient } from '../../client/studio-client';

export type ExportProgressProps = Readonly<{
  title: string;
  job: ExportJob | null;
  /** The draft row's own text ("40 %", "waiting"), used until the first progress event arrives. */
  fallback: string | null;
}>;

/** The export's progress bar with its ETA and a Cancel button (ffmpeg is stopped, the take kept). */
export function ExportProgress({ title, job, fallback }: ExportProgressProps) {
  const percent = job ? Math.floor(job.percent) : Number.parseInt(fallback ?? '0', 10) || 0;
  const text = !job
    ? (fallback ?? 'starting')
    : job.state === 'queued'
      ? `waiting${job.ahead > 0 ? ` (${job.ahead} ahead)` : ''}`
      : job.state === 'finishing'
        ? 'finishing (poster and covers)'
        : `${percent} %${job.etaMs !== null ? ` · about ${formatClock(job.etaMs + 999)} left` : ''}`;
  return (
    <div className="export-progress">
      <div className="progress" role="progressbar" aria-label={`Exporting ${title}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`Exporting: ${text}`}>
        <div className="progress__bar" style={{ width: `${percent}%` }} />
        <span className="progress__label">Exporting… {text}</span>
      </div>
      {job ? (
        <button type="button" className="button button--ghost" onClick={() => void studioClient().media.cancel({ jobId: job.jobId })} aria-label={`Cancel the export of ${title}`}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
