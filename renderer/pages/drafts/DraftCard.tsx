import { useTranslation } from 'react-i18next';
import type { Draft } from '@shared/domain/drafts';
import { draftMediaUrl } from '@shared/domain/drafts';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';
import { formatDate, formatDuration } from '../../components/format';
import { lookExtraCount } from './look-extras';
import { statusDetailText } from './status-detail';
import { VideoDraftExtras, VideoDraftStage, canPlayInline } from './VideoDraftParts';

export type DraftCardProps = Readonly<{
  draft: Draft;
  onOpen: (draft: Draft) => void;
  onRename: (draft: Draft) => void;
  onDelete: (draft: Draft) => void;
}>;

export function DraftCard({ draft, onOpen, onRename, onDelete }: DraftCardProps) {
  const { t } = useTranslation();
  const thumb = draft.thumbnailFile ? draftMediaUrl(draft.id, draft.thumbnailFile) : null;
  const extras = lookExtraCount(draft);
  return (
    <article className="draft-card" aria-label={draft.title} data-draft-id={draft.id} data-status={draft.status}>
      {canPlayInline(draft) ? (
        <VideoDraftStage draft={draft} />
      ) : (
        <button type="button" className="draft-card__thumb" onClick={() => onOpen(draft)} aria-label={t('drafts.card.openLabel', { title: draft.title })}>
          {thumb ? (
            <img src={thumb} alt="" loading="lazy" draggable={false} />
          ) : (
            <span className="draft-card__placeholder" aria-hidden="true">
              {draft.kind === 'video' ? '▶' : '◼'}
            </span>
          )}
          <span className={`badge badge--${draft.kind}`}>{t(`drafts.kind.${draft.kind}`)}</span>
          {draft.kind === 'video' && draft.durationMs !== null ? <span className="draft-card__duration">{formatDuration(draft.durationMs)}</span> : null}
        </button>
      )}
      <div className="draft-card__meta">
        <h3 className="draft-card__title" title={draft.title}>
          {draft.title}
        </h3>
        <p className="draft-card__sub">
          <time dateTime={new Date(draft.createdAt).toISOString()}>{formatDate(draft.createdAt)}</time>
          {extras > 0 ? <span className="draft-card__look">{t('drafts.card.lookMore', { count: extras })}</span> : null}
          {/* While exporting, the progress bar below says where it is; a second, older line beside it contradicted it. */}
          {draft.status !== 'ready' && draft.status !== 'exporting' ? (
            <span className={`status status--${draft.status}`} title={statusDetailText(draft) ?? undefined}>
              {t(`drafts.status.${draft.status}`)}
              {draft.statusDetail ? ` · ${statusDetailText(draft)}` : ''}
            </span>
          ) : null}
        </p>
      </div>
      {draft.kind === 'video' ? <VideoDraftExtras draft={draft} /> : null}
      <div className="draft-card__actions">
        {canPlayInline(draft) ? (
          <button type="button" className="button button--ghost" onClick={() => onOpen(draft)} aria-label={t('drafts.card.openLabel', { title: draft.title })}>
            {t('drafts.card.open')}
          </button>
        ) : null}
        {draft.status === 'ready' ? (
          <button type="button" className="button button--ghost" onClick={() => navigate(paths.post(draft.id))} aria-label={t('drafts.card.postLabel', { title: draft.title })}>
            {t('drafts.card.post')}
          </button>
        ) : null}
        <button type="button" className="button button--ghost" onClick={() => onRename(draft)} aria-label={t('drafts.card.renameLabel', { title: draft.title })}>
          {t('drafts.card.rename')}
        </button>
        <button type="button" className="button button--ghost button--danger" onClick={() => onDelete(draft)} aria-label={t('drafts.card.deleteLabel', { title: draft.title })}>
          {t('drafts.card.delete')}
        </button>
      </div>
    </article>
  );
}
