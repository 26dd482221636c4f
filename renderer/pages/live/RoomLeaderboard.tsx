import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leaderboard } from '@shared/protocol/leaderboards';
import type { RoomId } from '@shared/protocol/rooms';
import { formatNumber } from '../../components/format';
import { liveStore } from './live-store';

/** The room's feeding leaderboard this month, read again whenever a gift arrives (`version`). */
export function RoomLeaderboard({ roomId, version }: Readonly<{ roomId: RoomId; version: number }>) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void liveStore.leaderboard(roomId).then((r) => {
      if (!current) return;
      if (r.ok) {
        setBoard(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      current = false;
    };
  }, [roomId, version]);

  return (
    <section className="live-section live-board" aria-labelledby="live-board-title">
      <h2 id="live-board-title">{t('live.board.title')}</h2>
      {error ? <p className="form-error">{error}</p> : null}
      {board && board.rows.length === 0 ? <p className="live-note">{t('live.board.empty')}</p> : null}
      <ol className="live-board__list">
        {board?.rows.map((row) => (
          <li key={row.viewer.id} className="live-board__row" aria-label={t('live.board.row', { rank: row.rank, handle: row.viewer.handle })}>
            <span className="live-board__rank" data-medal={row.medal ?? undefined}>
              {row.rank}
            </span>
            <span className="live-board__who">
              <strong>@{row.viewer.handle}</strong>
              <span className="live-board__level">{t('live.board.level', { level: row.level })}</span>
              {row.medal ? <span className="live-board__medal">{t(`live.board.medals.${row.medal}`)}</span> : null}
            </span>
            <span className="live-board__value">{t('live.board.feeding', { value: formatNumber(row.feedingValue) })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
