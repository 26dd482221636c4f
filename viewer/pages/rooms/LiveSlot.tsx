import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomRoutes, type Room } from '@shared/protocol/rooms';
import { Link } from '../../app/Link';
import { paths } from '../../app/routes';
import { call } from '../../client/api';
import './live-badge.css';

/** The profile's live slot: "Live now" with a link to the room while the person's room is open. */
export function LiveSlot({ handle }: Readonly<{ handle: string }>) {
  const { t } = useTranslation();
  const [room, setRoom] = useState<Room | null | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    // One open room per streamer; the live list is short (the platform lists at most 100).
    call(roomRoutes.listRooms, { query: { live: 'true', limit: 100 }, signal: abort.signal }).then(
      (answer) => setRoom(answer.rooms.find((r) => r.streamer.handle === handle && r.state === 'open') ?? null),
      () => {
        if (!abort.signal.aborted) setRoom(null);
      },
    );
    return () => abort.abort();
  }, [handle]);
  return (
    <div className={`slot card${room ? ' live' : ''}`} data-testid="live-slot">
      <h2>{t('profile.live')}</h2>
      {room ? (
        <p>
          <span className="live-badge">{t('rooms.liveNow')}</span>{' '}
          <Link to={paths.room(room.id)} aria-label={t('rooms.liveNowLink', { title: room.title })}>
            {room.title}
          </Link>
        </p>
      ) : (
        <p className="muted">{room === null ? t('rooms.notLive') : t('app.loading')}</p>
      )}
    </div>
  );
}
