import type { PostJobView } from '../../../shared/ipc/platform-schemas';

/** What the result page says for each state of a post job. */
export function stateText(job: PostJobView, now: number): string {
  switch (job.state) {
    case 'queued':
      return 'Waiting to upload…';
    case 'uploading':
      return `Uploading… ${percentOf(job)} %`;
    case 'creating':
      return 'Uploaded; publishing on the platform…';
    case 'waiting': {
      const wait = job.nextAttemptAt ? Math.max(0, Math.ceil((job.nextAttemptAt - now) / 1000)) : null;
      return `The platform cannot be reached; the post is kept and retried${wait !== null ? ` in ${wait} s` : ''}. ${job.lastError ?? ''}`.trim();
    }
    case 'needs_sign_in':
      return 'Sign in to the platform to post: the video waits in the queue until you do.';
    case 'done':
      return 'Posted. It is live on the platform.';
    case 'failed':
      return `The platform refused this post: ${job.lastError ?? 'no reason was given'}`;
    case 'cancelled':
      return 'Cancelled. Nothing was published.';
    default: {
      const never: never = job.state;
      throw new Error(`unknown post state ${String(never)}`);
    }
  }
}

export const percentOf = (job: PostJobView): number => (job.totalBytes > 0 ? Math.floor((job.sentBytes / job.totalBytes) * 100) : 0);

export const isFinished = (job: PostJobView): boolean => job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
