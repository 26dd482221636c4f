import { useTranslation } from 'react-i18next';
import { noticesStore, useNotices } from './notices-store';

/** Shows what main had to tell the user before the window existed (e.g. a database moved aside). */
export function NoticesBar() {
  const { t } = useTranslation();
  const notices = useNotices();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <p key={notice.id} className={`toast toast--${notice.level === 'info' ? 'info' : 'error'}`} role="alert">
          {notice.message}
          <button
            type="button"
            className="icon-button"
            aria-label={t('app.dismissNotice')}
            onClick={() => noticesStore.dismiss(notice.id)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
