import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceivedGift } from '@shared/protocol/gifts';
import type { Room } from '@shared/protocol/rooms';
import { formatDuration, formatNumber } from '../../components/format';

/** Viewers, gifts and diamonds this session, and the time live (its own one-second clock). */
export function LiveStats({ room, gifts }: Readonly<{ room: Room; gifts: readonly ReceivedGift[] }>) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const diamonds = gifts.reduce((sum, g) => sum + g.diamondValue, 0);
  const stats = [
    ['viewers', formatNumber(room.viewers)],
    ['gifts', formatNumber(gifts.length)],
    ['diamonds', formatNumber(diamonds)],
    ['timeLive', formatDuration(now - room.openedAt)],
  ] as const;
  return (
    <dl className="live-stats" aria-label={t('live.stats.label')}>
      {stats.map(([key, value]) => (
        <div key={key} className="live-stats__item" data-stat={key}>
          <dt>{t(`live.stats.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
