import { useTranslation } from 'react-i18next';
import type { Order } from '@shared/protocol/orders';
import { countdownParts, deadlineOf } from './order-view';
import { useNow } from './use-now';

/** "Accept within 1d 23:59:58", ticking every second; nothing for a finished order. */
export function Countdown({ order }: Readonly<{ order: Pick<Order, 'state' | 'deadlines'> }>) {
  const { t } = useTranslation();
  const now = useNow();
  const deadline = deadlineOf(order);
  if (!deadline) return null;
  const { days, clock } = countdownParts(deadline.at - now);
  const left = days > 0 ? t('requests.countdown.days', { count: days, clock }) : clock;
  return (
    <span className="requests-countdown" data-deadline={deadline.at}>
      {t(deadline.kind === 'accept' ? 'requests.countdown.accept' : 'requests.countdown.deliver', { left })}
    </span>
  );
}
