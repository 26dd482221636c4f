import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PostJobId } from '@shared/ipc/platform-schemas';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { formatPercent } from '../../components/format';
import { openStudioWith } from '../../publishing/open-studio';
import { useAccount } from '../../publishing/account-store';
import { postJobsStore, usePostJob } from '../../publishing/post-jobs-store';
import { GuidanceCard } from './GuidanceCard';
import { isFinished, percentOf, stateText, viewerVideoUrl } from './post-job-text';
import { useGuidance } from './use-guidance';
import './post.css';

/** `/posted/<jobId>`: the post's progress until it is done (it keeps going while you are elsewhere), guidance about the item, and "Try it again". */
export function PostResultPage() {
  const { t } = useTranslation();
  const jobId = useRouteId('posted') ?? '';
  const job = usePostJob(jobId);
  const guidance = useGuidance(job);
  const account = useAccount();
  const [repostError, setRepostError] = useState<string | null>(null);

  if (!job) {
    return (
      <section className="page" aria-labelledby="posted-title">
        <header className="page__header">
          <h1 id="posted-title">{t('posted.title')}</h1>
        </header>
        <p role="status">{t('posted.looking')}</p>
      </section>
    );
  }
  const percent = job.state === 'done' ? 100 : percentOf(job);
  const viewerUrl = job.state === 'done' && job.videoId ? viewerVideoUrl(account?.platformUrl ?? null, job.videoId) : null;
  const repost = async (): Promise<void> => {
    setRepostError(null);
    const result = await postJobsStore.repost(job.id as PostJobId);
    if (!result.ok) return setRepostError(result.error.message);
    navigate(paths.posted(result.value.jobId), { replace: true });
  };
  return (
    <section className="page post-result" aria-labelledby="posted-title">
      <header className="page__header">
        <div>
          <h1 id="posted-title">{t(job.state === 'done' ? 'posted.done' : 'posted.title')}</h1>
          <p className="page__subtitle">{job.title}</p>
        </div>
      </header>
      <div className="progress" role="progressbar" aria-label={t('posted.progress', { title: job.title })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress__bar" style={{ width: `${percent}%` }} />
        <span className="progress__label">{formatPercent(percent / 100)}</span>
      </div>
      <p className={job.state === 'failed' ? 'toast toast--error' : 'toast toast--info'} role={job.state === 'failed' ? 'alert' : 'status'} data-state={job.state}>
        {stateText(job, Date.now())}
      </p>
      {job.target ? (
        <p className="post-note">
          {job.anchorCount > 1 ? (
            <Trans i18nKey="posted.viewersSeeMore" count={job.anchorCount - 1} values={{ label: job.target.label }} components={{ b: <strong /> }} />
          ) : (
            <Trans i18nKey="posted.viewersSee" values={{ label: job.target.label }} components={{ b: <strong /> }} />
          )}
        </p>
      ) : job.anchorCount > 0 ? (
        <p className="post-note">{t('posted.associatedOnly', { count: job.anchorCount })}</p>
      ) : (
        <p className="post-note">{t('posted.noTarget')}</p>
      )}
      {guidance && job.state !== 'failed' && job.state !== 'cancelled' ? <GuidanceCard guidance={guidance} sent={job.target} /> : null}
      {repostError ? (
        <p className="form-error" role="alert">
          {repostError}
        </p>
      ) : null}
      <div className="post-actions">
        {job.target ? (
          <button type="button" className="button button--primary" onClick={() => openStudioWith(job.target!.itemId, job.target!.attributeId)}>
            {t('posted.tryAgain')}
          </button>
        ) : null}
        {job.state === 'done' && job.videoId ? (
          <button type="button" className="button" onClick={() => navigate(paths.discover(job.videoId))}>
            {t('posted.seeInDiscover')}
          </button>
        ) : null}
        {viewerUrl ? (
          <a className="button" href={viewerUrl} target="_blank" rel="noreferrer">
            {t('posted.openInViewer')}
          </a>
        ) : null}
        {job.state === 'failed' || job.state === 'cancelled' ? (
          <button type="button" className="button button--primary" onClick={() => void repost()}>
            {t('posted.repost')}
          </button>
        ) : null}
        {job.state === 'needs_sign_in' ? (
          <button type="button" className="button" onClick={() => navigate(paths.page('settings'))}>
            {t('posted.signIn')}
          </button>
        ) : null}
        {job.state === 'waiting' ? (
          <button type="button" className="button" onClick={() => void postJobsStore.retry()}>
            {t('posted.retryNow')}
          </button>
        ) : null}
        {!isFinished(job) ? (
          <button type="button" className="button button--danger" onClick={() => void postJobsStore.cancel(job.id)}>
            {t('posted.cancelPost')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
