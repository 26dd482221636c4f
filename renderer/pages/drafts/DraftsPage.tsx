import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '@shared/domain/drafts';
import { navigate, useRouteId } from '../../app/router';
import { paths } from '../../app/routes';
import { formErrors } from '../form-errors';
import { formatPercent } from '../../components/format';
import { Segmented } from '../../components/Segmented';
import { DraftCard } from './DraftCard';
import { DeleteDialog, DraftViewer, RenameDialog } from './DraftDialogs';
import { draftsStore, useDrafts } from './drafts-store';
import { importFile } from './import-file';

type Filter = 'all' | 'photo' | 'video';
const FILTERS: readonly Filter[] = ['all', 'photo', 'video'];

type Modal = { kind: 'open' | 'rename' | 'delete'; draft: Draft } | null;

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/bmp,image/avif,video/mp4,video/quicktime,video/webm,video/x-matroska,video/x-msvideo,.mkv';

export function DraftsPage() {
  const { t } = useTranslation();
  const { drafts, loaded, error } = useDrafts();
  const [filter, setFilter] = useState<Filter>('all');
  const [modal, setModal] = useState<Modal>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // `/drafts/<id>` (Studio's "Open in Drafts") opens that draft once it is listed.
  const linkedId = useRouteId('drafts');
  useEffect(() => {
    const linked = linkedId ? drafts.find((d) => d.id === linkedId) : undefined;
    if (!linked) return;
    setModal({ kind: 'open', draft: linked });
    navigate(paths.drafts(), { replace: true });
  }, [linkedId, drafts]);

  const importFiles = async (files: readonly File[]): Promise<void> => {
    setMessage(null);
    for (const file of files) {
      setProgress({ name: file.name, fraction: 0 });
      const result = await importFile(file, (fraction) => setProgress({ name: file.name, fraction }));
      setProgress(null);
      setMessage(result.ok ? { tone: 'info', text: t('drafts.imported', { title: result.value.title }) } : { tone: 'error', text: result.error.message });
    }
  };

  const startImport = async (): Promise<void> => {
    const dialog = draftsStore.importViaDialog();
    if (dialog) {
      const result = await dialog;
      if (!result.ok) setMessage({ tone: 'error', text: result.error.message });
      else if (result.value) setMessage({ tone: 'info', text: t('drafts.imported', { title: result.value.title }) });
      return;
    }
    input.current?.click();
  };

  const shown = filter === 'all' ? drafts : drafts.filter((d) => d.kind === filter);

  return (
    <section
      className={dragging ? 'page drafts-page drafts-page--dragging' : 'page drafts-page'}
      aria-labelledby="drafts-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void importFiles([...e.dataTransfer.files]);
      }}
    >
      <header className="page__header">
        <div>
          <h1 id="drafts-title">{t('drafts.title')}</h1>
          <p className="page__subtitle">{loaded ? t('drafts.count', { count: drafts.length }) : t('common.loading')}</p>
        </div>
        <div className="page__tools">
          <Segmented label={t('drafts.show')} options={FILTERS.map((value) => ({ value, label: t(`drafts.filters.${value}`) }))} value={filter} onChange={setFilter} />
          <button type="button" className="button button--primary" onClick={() => void startImport()} disabled={progress !== null}>
            {t('drafts.import')}
          </button>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            hidden
            aria-label={t('drafts.importInput')}
            data-testid="import-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void importFiles(files);
            }}
          />
        </div>
      </header>

      {progress ? (
        <div
          className="progress"
          role="progressbar"
          aria-label={t('drafts.importing', { name: progress.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress.fraction * 100)}
        >
          <div className="progress__bar" style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
          <span className="progress__label">{t('drafts.importingProgress', { name: progress.name, percent: formatPercent(progress.fraction) })}</span>
        </div>
      ) : null}
      {message ? (
        <p className={`toast toast--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
          <button type="button" className="icon-button" aria-label={t('common.dismissMessage')} onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      ) : null}
      {error ? (
        <p className="toast toast--error" role="alert">
          {t('drafts.loadError', { message: error.message })}
        </p>
      ) : null}

      {loaded && shown.length === 0 ? (
        <div className="empty">
          <div className="empty__art" aria-hidden="true">
            ⬒
          </div>
          <h2>{drafts.length === 0 ? t('drafts.empty') : t('drafts.emptyFiltered')}</h2>
          <p>{t('drafts.emptyHint')}</p>
        </div>
      ) : (
        <ul className="draft-grid" aria-label={t('drafts.list')}>
          {shown.map((draft) => (
            <li key={draft.id}>
              <DraftCard
                draft={draft}
                onOpen={(d) => setModal({ kind: 'open', draft: d })}
                onRename={(d) => setModal({ kind: 'rename', draft: d })}
                onDelete={(d) => setModal({ kind: 'delete', draft: d })}
              />
            </li>
          ))}
        </ul>
      )}

      {modal?.kind === 'open' ? <DraftViewer draft={modal.draft} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'rename' ? (
        <RenameDialog
          draft={modal.draft}
          onClose={() => setModal(null)}
          onSave={async (title) => {
            const result = await draftsStore.rename(modal.draft.id, title);
            if (!result.ok) {
              const shown = formErrors(result.error, ['title'], t('drafts.rename.failed'));
              return shown.fields.title ?? shown.form;
            }
            setModal(null);
            return null;
          }}
        />
      ) : null}
      {modal?.kind === 'delete' ? (
        <DeleteDialog
          draft={modal.draft}
          onClose={() => setModal(null)}
          onConfirm={() => {
            const target = modal.draft;
            setModal(null);
            void draftsStore.remove(target.id).then((result) => {
              setMessage(result.ok ? { tone: 'info', text: t('drafts.deleted', { title: target.title }) } : { tone: 'error', text: result.error.message });
            });
          }}
        />
      ) : null}
    </section>
  );
}
