import { useTranslation } from 'react-i18next';
import type { Leaderboard } from '@shared/protocol/leaderboards';
import { initials } from '../video/VideoPage';

/** The room's feeding board for the month: medals for the top three, each viewer's level and feeding value. */
export function LeaderboardCard({ board }: Readonly<{ board: Leaderboard | null }>) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card leaderboard" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">
        {t('rooms.leaderboard')} <span className="muted small">{t('rooms.leaderboardMonth')}</span>
      </h2>
      {board === null ? <p className="muted">{t('app.loading')}</p> : null}
      {board?.rows.length === 0 ? <p className="muted">{t('rooms.leaderboardEmpty')}</p> : null}
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
