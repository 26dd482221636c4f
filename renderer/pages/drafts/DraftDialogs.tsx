import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT_TITLE_MAX, DraftTitle, draftMediaUrl, type Draft } from '@shared/domain/drafts';
import { Dialog } from '../../components/Dialog';
import { formatBytes, formatDate, formatDuration } from '../../components/format';
import { sentence } from '../form-errors';

export function RenameDialog({ draft, onSave, onClose }: Readonly<{ draft: Draft; onSave: (title: string) => Promise<string | null>; onClose: () => void }>) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(draft.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // showModal() (in Dialog's effect, which runs before this one) focuses the first button, ×; typing
  // and Enter belong in the field, with the old title selected so typing replaces it.
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  const save = async (): Promise<void> => {
    const checked = DraftTitle.safeParse(title);
    if (!checked.success) {
      // The same rule main applies, said at the field before anything is sent.
      setError(sentence(checked.error.issues[0]?.message ?? ''));
      field.current?.focus();
      return;
    }
    setBusy(true);
    const problem = await onSave(title);
    setBusy(false);
    if (problem) {
      setError(problem);
      field.current?.focus();
    }
  };
  return (
    <Dialog
      title={t('drafts.rename.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="rename-form" className="button button--primary" disabled={busy}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="rename-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>{t('drafts.rename.field')}</span>
          <input ref={field} value={title} maxLength={DRAFT_TITLE_MAX} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

export function DeleteDialog({ draft, onConfirm, onClose }: Readonly<{ draft: Draft; onConfirm: () => void; onClose: () => void }>) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('drafts.remove.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--danger-solid" onClick={onConfirm}>
            {t('drafts.remove.confirm')}
          </button>
        </>
      }
    >
      <p>{t('drafts.remove.body', { title: draft.title, size: formatBytes(draft.sizeBytes) })}</p>
    </Dialog>
  );
}

export function DraftViewer({ draft, onClose }: Readonly<{ draft: Draft; onClose: () => void }>) {
  const { t } = useTranslation();
  const src = draftMediaUrl(draft.id, draft.mediaFile);
  return (
    <Dialog title={draft.title} onClose={onClose} wide>
      <div className="viewer">
        <div className="viewer__stage">
          {draft.kind === 'video' ? <video src={src} controls autoPlay playsInline aria-label={t('drafts.viewer.video', { title: draft.title })} /> : <img src={src} alt={draft.title} />}
        </div>
        <dl className="viewer__facts">
          <dt>{t('drafts.viewer.kind')}</dt>
          <dd>{t(`drafts.kind.${draft.kind}`)}</dd>
          {draft.width && draft.height ? (
            <>
              <dt>{t('drafts.viewer.size')}</dt>
              <dd>{t('drafts.viewer.dimensions', { width: draft.width, height: draft.height })}</dd>
            </>
          ) : null}
          {draft.durationMs !== null ? (
            <>
              <dt>{t('drafts.viewer.duration')}</dt>
              <dd>{formatDuration(draft.durationMs)}</dd>
            </>
          ) : null}
          <dt>{t('drafts.viewer.file')}</dt>
          <dd>{formatBytes(draft.sizeBytes)}</dd>
          <dt>{t('drafts.viewer.created')}</dt>
          <dd>{formatDate(draft.createdAt)}</dd>
          {draft.itemId ? (
            <>
              <dt>{t('drafts.viewer.item')}</dt>
              <dd>
                {draft.itemId}
                {draft.attributeId ? ` · ${draft.attributeId}` : ''}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
    </Dialog>
  );
}
