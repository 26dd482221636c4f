import { useTranslation } from 'react-i18next';
import type { Leaderboard } from '@shared/protocol/leaderboards';
import { initials } from '../video/VideoPage';

/** The room's feeding board for the month: medals for the top three, each viewer's level and feeding value. */
export type BoardMonth = 'this' | 'last';

export function LeaderboardCard({ board, month, onMonth }: Readonly<{ board: Leaderboard | null; month: BoardMonth; onMonth: (month: BoardMonth) => void }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card leaderboard" aria-labelledby="leaderboard-title">
      <div className="board-head">
        <h2 id="leaderboard-title">{t('rooms.leaderboard')}</h2>
        <div className="board-months" role="group" aria-label={t('rooms.leaderboard')}>
          <button type="button" className="plain" aria-pressed={month === 'this'} onClick={() => onMonth('this')}>
            {t('rooms.leaderboardMonth')}
          </button>
          <button type="button" className="plain" aria-pressed={month === 'last'} onClick={() => onMonth('last')}>
            {t('rooms.leaderboardLastMonth')}
          </button>
        </div>
      </div>
      {board === null ? <p className="muted">{t('app.loading')}</p> : null}
      {board?.rows.length === 0 ? <p className="muted">{month === 'this' ? t('rooms.leaderboardEmpty') : t('rooms.leaderboardEmptyLast')}</p> : null}
      <ol className="board-rows">
        {board?.rows.map((row) => (
          <li key={row.viewer.id} className={`board-row${row.medal ? ` medal-${row.rank}` : ''}`} data-testid="board-row">
            <span className="board-rank" aria-label={t('rooms.rank', { rank: row.rank })}>
              {row.rank}
            </span>
            <span className="avatar small" aria-hidden="true">
              {initials(row.viewer.displayName)}
            </span>
            <span className="board-who">
              <span className="board-name">{row.viewer.displayName}</span>
              <span className="board-meta">
                <span className="level">{t('rooms.level', { level: row.level })}</span>
                {row.medal ? (
                  <span className="medal" data-testid="medal" data-medal={row.medal}>
                    {t(`rooms.medals.${row.medal}`)}
                  </span>
                ) : null}
              </span>
            </span>
            <span className="board-value">
              <span>{t('rooms.feeding', { value: number.format(row.feedingValue) })}</span>
              <span className="muted small">{t('rooms.gifts', { count: row.giftCount })}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
