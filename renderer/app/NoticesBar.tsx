import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../shared/ipc/contract';
import { studioClient } from '../client/studio-client';

/** Shows what main had to tell the user before the window existed (e.g. a database moved aside). */
export function NoticesBar() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  useEffect(() => {
    const client = studioClient();
    void client.app.notices().then((r) => r.ok && setNotices(r.value));
    return client.on('app.notice', (notice) => setNotices((list) => [...list.filter((n) => n.id !== notice.id), notice]));
  }, []);
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
            onClick={() => {
              setNotices((list) => list.filter((n) => n.id !== notice.id));
              void studioClient().app.dismissNotice({ id: notice.id });
            }}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
