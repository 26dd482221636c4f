import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomRoutes, type Room } from '@shared/protocol/rooms';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import { ErrorNote } from '../ErrorNote';
import { initials } from '../video/VideoPage';
import './rooms.css';

/** `/live`: the open rooms, most popular first (the platform's order). */
export function LiveRoomsPage() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const [rooms, setRooms] = useState<readonly Room[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    call(roomRoutes.listRooms, { query: { live: 'true', limit: 50 }, signal: abort.signal }).then(
      (answer) => setRooms(answer.rooms),
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [attempt]);
  return (
    <main className="page rooms-page">
      <h1 className="page-title">{t('rooms.listTitle')}</h1>
      {error ? <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {rooms === null && !error ? <p className="empty">{t('app.loading')}</p> : null}
      {rooms?.length === 0 ? <p className="empty">{t('rooms.listEmpty')}</p> : null}
      <ul className="room-list">
        {rooms?.map((room) => (
          <li key={room.id}>
            <Link to={paths.room(room.id)} className="room-card card" data-testid="room-card">
              <span className="avatar" aria-hidden="true">
                {initials(room.streamer.displayName)}
              </span>
              <span className="room-card-text">
                <span className="room-card-title">{room.title}</span>
                <span className="muted">
                  {room.streamer.displayName} · @{room.streamer.handle}
                </span>
                <span className="room-card-stats">
                  <span className="live-badge">{t('rooms.liveBadge')}</span>
                  <span>{t('rooms.viewers', { count: room.viewers })}</span>
                  <span>{t('rooms.popularity', { value: number.format(room.popularity) })}</span>
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
