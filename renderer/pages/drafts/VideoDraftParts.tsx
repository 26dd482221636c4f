import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canExport, draftMediaUrl, isExported, type Draft } from '@shared/domain/drafts';
import { formatDuration } from '../../components/format';
import { exportProgressStore, mediaSrc, useExportJobs } from '../../recording/export-progress-store';
import { ExportProgress } from '../preview/ExportProgress';
import { statusDetailText } from './status-detail';
import './video-drafts.css';
import '../shoot/shoot.css';

/** A video draft with a playable file: recorded takes (WebM) and exports (MP4). */
export const canPlayInline = (draft: Draft): boolean => draft.kind === 'video' && (draft.status === 'ready' || draft.status === 'recovered') && draft.sizeBytes > 0;

/** The card's picture for a playable video: the thumbnail until Play, then the video itself, inline. */
export function VideoDraftStage({ draft }: Readonly<{ draft: Draft }>) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const thumb = draft.thumbnailFile ? mediaSrc(draftMediaUrl(draft.id, draft.thumbnailFile)) : undefined;
  return (
    <div className="draft-card__thumb draft-card__thumb--video">
      {playing ? (
        <video src={mediaSrc(draftMediaUrl(draft.id, draft.mediaFile))} poster={thumb} controls autoPlay playsInline aria-label={t('drafts.card.video', { title: draft.title })} />
      ) : (
        <button type="button" className="draft-card__play" onClick={() => setPlaying(true)} aria-label={t('drafts.card.play', { title: draft.title })}>
          {thumb ? <img src={thumb} alt="" loading="lazy" draggable={false} /> : null}
          <span className="draft-card__play-icon" aria-hidden="true">
            ▶
          </span>
        </button>
      )}
      <span className="badge badge--video">{t('drafts.kind.video')}</span>
      {draft.durationMs !== null && !playing ? <span className="draft-card__duration">{formatDuration(draft.durationMs)}</span> : null}
    </div>
  );
}

/** Export progress with Cancel while exporting; Export / Re-export otherwise. */
export function VideoDraftExtras({ draft }: Readonly<{ draft: Draft }>) {
  const { t } = useTranslation();
  const jobs = useExportJobs();
  const [error, setError] = useState<string | null>(null);
  if (draft.status === 'exporting') return <ExportProgress title={draft.title} job={jobs.get(draft.id) ?? null} fallback={statusDetailText(draft)} />;
  if (!canExport(draft)) return null;
  const exported = isExported(draft);
  const start = async (): Promise<void> => {
    setError(null);
    const result = await exportProgressStore.start(draft.id);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className="draft-card__export">
      <button type="button" className="button button--ghost" onClick={() => void start()} aria-label={t(exported ? 'drafts.card.reexportLabel' : 'drafts.card.exportLabel', { title: draft.title })}>
        {t(exported ? 'drafts.card.reexport' : 'drafts.card.export')}
      </button>
      {error ? (
        <span role="alert" className="status status--failed">
          {error}
        </span>
      ) : null}
    </div>
  );
}
