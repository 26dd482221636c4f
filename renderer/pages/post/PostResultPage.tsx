import { navigate, useRoute } from '../../app/router';
import { studioClient } from '../../client/studio-client';
import { openStudioWith } from '../../publishing/open-studio';
import { usePostJob } from '../../publishing/post-jobs-store';
import { isFinished, percentOf, stateText } from './post-job-text';
import './post.css';

/** `/posted/<jobId>`: the post's progress until it is done (it keeps going while you are elsewhere), guidance about the item, and "Try it again". */
export function PostResultPage() {
  const route = useRoute();
  const jobId = decodeURIComponent(route.split('/')[2] ?? '');
  const job = usePostJob(jobId);
  const client = studioClient();

  if (!job) {
    return (
      <section className="page" aria-labelledby="posted-title">
        <header className="page__header">
          <h1 id="posted-title">Posting</h1>
        </header>
        <p role="status">Looking for this post…</p>
      </section>
    );
  }
  const percent = job.state === 'done' ? 100 : percentOf(job);
  return (
    <section className="page post-result" aria-labelledby="posted-title">
      <header className="page__header">
        <div>
          <h1 id="posted-title">{job.state === 'done' ? 'Posted' : 'Posting'}</h1>
          <p className="page__subtitle">{job.title}</p>
        </div>
      </header>
      <div className="progress" role="progressbar" aria-label={`Posting ${job.title}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress__bar" style={{ width: `${percent}%` }} />
        <span className="progress__label">{percent} %</span>
      </div>
      <p className={job.state === 'failed' ? 'toast toast--error' : 'toast toast--info'} role={job.state === 'failed' ? 'alert' : 'status'} data-state={job.state}>
        {stateText(job, Date.now())}
      </p>
      {job.target ? (
        <p className="post-note">
          Viewers see the <strong>⚓ {job.target.label}</strong> chip{job.anchorCount > 1 ? ` and ${job.anchorCount - 1} more` : ''} on your video; a tap opens the try-on with that shade, and the anchor counts every try.
        </p>
      ) : (
        <p className="post-note">This video has no target anchor, so viewers cannot open a try-on from it.</p>
      )}
      <div className="post-actions">
        {job.target ? (
          <button type="button" className="button button--primary" onClick={() => openStudioWith(job.target!.itemId, job.target!.attributeId)}>
            Try it again
          </button>
        ) : null}
        {job.state === 'done' && job.videoId ? (
          <button type="button" className="button" onClick={() => navigate(`/discover/${job.videoId}`)}>
            See it in Discover
          </button>
        ) : null}
        {job.state === 'needs_sign_in' ? (
          <button type="button" className="button" onClick={() => navigate('/settings')}>
            Sign in
          </button>
        ) : null}
        {job.state === 'waiting' ? (
          <button type="button" className="button" onClick={() => void client.sync.retry()}>
            Retry now
          </button>
        ) : null}
        {!isFinished(job) ? (
          <button type="button" className="button button--danger" onClick={() => void client.sync.cancel({ jobId: job.id })}>
            Cancel post
          </button>
        ) : null}
      </div>
    </section>
  );
}
