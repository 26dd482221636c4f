import { useTranslation } from 'react-i18next';
import type { Order } from '@shared/protocol/orders';
import { countdown, splitDuration } from './order-view';
import { useNow } from './use-order';

/** "Video due within 6 d 23:59:58", ticking each second. */
export function Countdown({ order }: Readonly<{ order: Order }>) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const left = countdown(order, now);
  if (!left) return null;
  if (left.leftMs === 0) return <span className="countdown">{t('orders.deadline.passed')}</span>;
  const number = new Intl.NumberFormat(i18n.language);
  const two = new Intl.NumberFormat(i18n.language, { minimumIntegerDigits: 2 });
  const { days, hours, minutes, seconds } = splitDuration(left.leftMs);
  const clock = `${two.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`;
  const text = days > 0 ? `${t('orders.duration.d', { n: number.format(days) })} ${clock}` : clock;
  return (
    <span className="countdown" data-testid="countdown">
      {t(`orders.deadline.${left.kind}`, { left: text })}
    </span>
  );
}
