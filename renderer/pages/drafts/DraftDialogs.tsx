import { useState } from 'react';
import { DRAFT_TITLE_MAX, draftMediaUrl, type Draft } from '../../../shared/domain/drafts';
import { Dialog } from '../../components/Dialog';
import { formatBytes, formatDate, formatDuration } from '../../components/format';

export function RenameDialog({ draft, onSave, onClose }: Readonly<{ draft: Draft; onSave: (title: string) => Promise<string | null>; onClose: () => void }>) {
  const [title, setTitle] = useState(draft.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    const problem = await onSave(title);
    setBusy(false);
    if (problem) setError(problem);
  };
  return (
    <Dialog
      title="Rename draft"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="rename-form" className="button button--primary" disabled={busy}>
            Save
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
          <span>Draft title</span>
          <input autoFocus value={title} maxLength={DRAFT_TITLE_MAX} onChange={(e) => setTitle(e.target.value)} aria-invalid={error ? true : undefined} />
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
  return (
    <Dialog
      title="Delete draft?"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button--danger-solid" onClick={onConfirm}>
            Delete draft
          </button>
        </>
      }
    >
      <p>
        “{draft.title}” and its files ({formatBytes(draft.sizeBytes)}) will be removed from this computer. This cannot be undone.
      </p>
    </Dialog>
  );
}

export function DraftViewer({ draft, onClose }: Readonly<{ draft: Draft; onClose: () => void }>) {
  const src = draftMediaUrl(draft.id, draft.mediaFile);
  return (
    <Dialog title={draft.title} onClose={onClose} wide>
      <div className="viewer">
        <div className="viewer__stage">
          {draft.kind === 'video' ? <video src={src} controls autoPlay playsInline aria-label={`Video ${draft.title}`} /> : <img src={src} alt={draft.title} />}
        </div>
        <dl className="viewer__facts">
          <dt>Kind</dt>
          <dd>{draft.kind === 'video' ? 'Video' : 'Photo'}</dd>
          {draft.width && draft.height ? (
            <>
              <dt>Size</dt>
              <dd>
                {draft.width} × {draft.height}
              </dd>
            </>
          ) : null}
          {draft.durationMs !== null ? (
            <>
              <dt>Duration</dt>
              <dd>{formatDuration(draft.durationMs)}</dd>
            </>
          ) : null}
          <dt>File</dt>
          <dd>{formatBytes(draft.sizeBytes)}</dd>
          <dt>Created</dt>
          <dd>{formatDate(draft.createdAt)}</dd>
          {draft.itemId ? (
            <>
              <dt>Item</dt>
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
