import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { draftMediaUrl, isExported, type Draft } from '@shared/domain/drafts';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { formatBytes, formatDuration } from '../../components/format';
import { exportProgressStore, mediaSrc, useExportJobs } from '../../recording/export-progress-store';
import { lookHandoff } from '../../recording/look-handoff';
import { useDrafts } from '../drafts/drafts-store';
import { statusDetailText } from '../drafts/status-detail';
import { ExportProgress } from './ExportProgress';
import '../shoot/shoot.css';

/** `/preview/<draftId>`: the take being exported, then its MP4 to play; re-shoot or go on. */
export function PreviewPage() {
  const { t } = useTranslation();
  const draftId = useRouteId('preview');
  const { drafts, loaded } = useDrafts();
  const jobs = useExportJobs();
  const [message, setMessage] = useState<string | null>(null);
  const draft = drafts.find((d) => d.id === draftId) ?? null;

  const reshoot = (d: Draft): void => {
    lookHandoff.set({ itemId: d.itemId, attributeId: d.attributeId });
    navigate('/shoot');
  };
  const exportAgain = async (d: Draft): Promise<void> => {
    setMessage(null);
    const result = await exportProgressStore.start(d.id);
    if (!result.ok) setMessage(result.error.message);
  };

  return (
    <section className="page preview-page" aria-labelledby="preview-title">
      <header className="page__header">
        <div>
          <h1 id="preview-title">{t('preview.title')}</h1>
          <p className="page__subtitle">{draft ? draft.title : loaded ? t('preview.gone') : t('common.loading')}</p>
        </div>
      </header>
      {draft ? (
        <>
          <div className="preview-stage">
            {draft.status === 'ready' || draft.status === 'recovered' ? (
              <video
                key={draft.mediaFile}
                src={mediaSrc(draftMediaUrl(draft.id, draft.mediaFile))}
                poster={draft.thumbnailFile ? mediaSrc(draftMediaUrl(draft.id, draft.thumbnailFile)) : undefined}
                controls
                autoPlay
                muted
                playsInline
                aria-label={t('drafts.card.video', { title: draft.title })}
              />
            ) : draft.thumbnailFile ? (
              <img src={mediaSrc(draftMediaUrl(draft.id, draft.thumbnailFile))} alt={t('preview.firstFrame', { title: draft.title })} />
            ) : (
              <p className="preview-facts">{draft.status === 'recording' ? t('shoot.saving') : t('preview.nothingYet')}</p>
            )}
          </div>
          {draft.status === 'exporting' ? <ExportProgress title={draft.title} job={jobs.get(draft.id) ?? null} fallback={statusDetailText(draft)} /> : null}
          {draft.status === 'failed' ? (
            <p className="toast toast--error" role="alert">
              {t('preview.exportFailed', { reason: statusDetailText(draft) ?? t('common.noReason') })}
            </p>
          ) : null}
          {draft.status === 'ready' && draft.statusDetail ? (
            <p className="toast toast--info" role="status">
              {statusDetailText(draft)}
            </p>
          ) : null}
          {message ? (
            <p className="toast toast--error" role="alert">
              {message}
            </p>
          ) : null}
          <div className="preview-actions">
            <span className="preview-facts">
              {draft.mimeType === 'video/mp4' && draft.status === 'ready' ? t('preview.mp4Ready') : t(`drafts.status.${draft.status}`)}
              {draft.durationMs !== null ? ` · ${formatDuration(draft.durationMs)}` : ''}
              {draft.width && draft.height ? ` · ${t('drafts.viewer.dimensions', { width: draft.width, height: draft.height })}` : ''}
              {draft.sizeBytes > 0 ? ` · ${formatBytes(draft.sizeBytes)}` : ''}
            </span>
            <span style={{ flex: 1 }} />
            {draft.status === 'failed' || (draft.status !== 'exporting' && draft.mimeType !== 'video/mp4') ? (
              <button type="button" className="button" onClick={() => void exportAgain(draft)}>
                {t('preview.exportAgain')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => reshoot(draft)}>
              {t('preview.reshoot')}
            </button>
            <button type="button" className="button button--primary" onClick={() => navigate(draft.status === 'ready' && isExported(draft) ? paths.post(draft.id) : paths.drafts())}>
              {t('preview.next')}
            </button>
          </div>
        </>
      ) : loaded ? (
        <button type="button" className="button" onClick={() => navigate(paths.drafts())}>
          {t('preview.goToDrafts')}
        </button>
      ) : null}
    </section>
  );
}
