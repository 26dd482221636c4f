import type { PostJobView } from '@shared/ipc/platform-schemas';
import { formatPercent, formatSeconds } from '../../components/format';
import { failureMessage } from '../../i18n/failures';
import { t } from '../../i18n/i18n';

/** What the result page says for each state of a post job. */
export function stateText(job: PostJobView, now: number): string {
  switch (job.state) {
    case 'queued':
      return t('posted.states.queued');
    case 'uploading':
      return t('posted.states.uploading', { percent: formatPercent(percentOf(job) / 100) });
    case 'creating':
      return t('posted.states.creating');
    case 'waiting': {
      const wait = job.nextAttemptAt ? Math.max(0, Math.ceil((job.nextAttemptAt - now) / 1000)) : null;
      const said = wait !== null ? t('posted.states.waitingIn', { wait: formatSeconds(wait) }) : t('posted.states.waiting');
      return `${said} ${job.lastError ? failureMessage(job.lastError) : ''}`.trim();
    }
    case 'needs_sign_in':
      return t('posted.states.needs_sign_in');
    case 'done':
      return t('posted.states.done');
    case 'failed':
      return t('posted.states.failed', { reason: job.lastError ? failureMessage(job.lastError) : t('common.noReason') });
    case 'cancelled':
      return t('posted.states.cancelled');
    default: {
      const never: never = job.state;
      throw new Error(`unknown post state ${String(never)}`);
    }
  }
}

export const percentOf = (job: PostJobView): number => (job.totalBytes > 0 ? Math.floor((job.sentBytes / job.totalBytes) * 100) : 0);

export const isFinished = (job: PostJobView): boolean => job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';

/** The posted video in the viewer web app (its `/v/<id>` page), on the platform's own origin. */
export function viewerVideoUrl(platformUrl: string | null, videoId: string): string | null {
  if (!platformUrl) return null;
  try {
    return new URL(`/v/${encodeURIComponent(videoId)}`, platformUrl).toString();
  } catch {
    return null;
  }
}
