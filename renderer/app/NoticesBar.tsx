import { useTranslation } from 'react-i18next';
import type { Notice } from '@shared/ipc/contract';
import { useConnection, useRefusal } from '../client/connection-store';
import { formatDate, formatDuration } from '../components/format';
import { noticesStore, useNotices } from './notices-store';
import { navigate } from './router';
import { paths } from './routes';
import './notices.css';

/**
 * What main had to tell the user (a database moved aside, takes recovered after a crash), in the
 * chosen language, and the host refusing this page.
 */
export function NoticesBar() {
  const { t } = useTranslation();
  const notices = useNotices();
  const connection = useConnection();
  const hostSaid = useRefusal();
  if (notices.length === 0 && connection !== 'refused') return null;
  return (
    <div className="notices">
      {connection === 'refused' ? (
        <div className="toast toast--error notices__refused" role="alert">
          <div className="notices__body">
            <strong>{t('stage.refusedTitle')}</strong> {t('stage.refused')}
            {hostSaid ? <small className="notices__host-said">{t('app.hostSaid', { reason: hostSaid })}</small> : null}
          </div>
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} className={`toast toast--${notice.level === 'info' ? 'info' : 'error'} notices__notice`} role="alert">
          <div className="notices__body">
            <span>{noticeText(t as Translate, notice)}</span>
            {notice.takes && notice.takes.length > 0 ? (
              <ul className="notices__takes" aria-label={t('notices.recoveredTakes')}>
                {notice.takes.map((take) => (
                  <li key={take.draftId}>
                    <strong>{take.title}</strong>{' '}
                    <span>{t('notices.recoveredTake', { time: formatDate(take.createdAt), duration: take.durationMs === null ? '—' : formatDuration(take.durationMs) })}</span>{' '}
                    <button type="button" className="button button--ghost" aria-label={t('notices.openInDraftsLabel', { title: take.title })} onClick={() => navigate(paths.drafts(take.draftId))}>
                      {t('notices.openInDrafts')}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <button type="button" className="icon-button" aria-label={t('app.dismissNotice')} onClick={() => noticesStore.dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** `t` with a key and values known only at run time (main sends them; the i18n test checks every key exists). */
type Translate = (key: string, options: Readonly<Record<string, unknown>>) => string;

/** The notice in the interface language; main's English sentence when it sent no key. */
const noticeText = (t: Translate, notice: Notice): string => (notice.text ? t(`notices.${notice.text.key}`, { ...notice.text.values, defaultValue: notice.message }) : notice.message);
