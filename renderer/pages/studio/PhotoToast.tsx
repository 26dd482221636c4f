import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftId } from '@shared/domain/ids';
import { navigate } from '../../app/router';
import { paths } from '../../app/routes';

export type PhotoResult = Readonly<{ ok: true; title: string; draftId: DraftId; image: Blob } | { ok: false; message: string }>;

export type PhotoToastProps = Readonly<{ photo: PhotoResult; onClose: () => void }>;

/** How long a saved photo's toast stays (a failure stays until closed). */
const SHOWN_MS = 8000;

/**
 * Feedback for Take photo, over the stage where the creator is looking: a flash, the photo's
 * thumbnail, and a way to it in Drafts. Replaces a line that rendered below the fold.
 */
export function PhotoToast({ photo, onClose }: PhotoToastProps) {
  const { t } = useTranslation();
  const [thumb, setThumb] = useState<string | null>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (!photo.ok) return;
    const url = URL.createObjectURL(photo.image);
    setThumb(url);
    const timer = setTimeout(() => close.current(), SHOWN_MS);
    return () => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
    };
  }, [photo]);

  if (!photo.ok) {
    return (
      <div className="studio-photo-toast studio-photo-toast--error" role="alert">
        <span>{photo.message}</span>
        <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onClose}>
          ×
        </button>
      </div>
    );
  }
  return (
    <>
      <div key={photo.draftId} className="studio-flash" aria-hidden="true" />
      <div className="studio-photo-toast" role="group" aria-label={t('studio.photoSavedLabel')}>
        {thumb && <img className="studio-photo-toast__thumb" src={thumb} alt="" />}
        <p className="studio-photo-toast__text" role="status">
          {t('studio.photoSaved', { title: photo.title })}
        </p>
        <button type="button" className="button" onClick={() => navigate(paths.drafts(photo.draftId))}>
          {t('studio.openInDrafts')}
        </button>
        <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onClose}>
          ×
        </button>
      </div>
    </>
  );
}
