import { useTranslation } from 'react-i18next';
import type { Order } from '@shared/protocol/orders';
import { countdown, durationParts } from './order-view';
import { useNow } from './use-order';

/** "Video due within 6 d 23 h", ticking each second. */
export function Countdown({ order }: Readonly<{ order: Order }>) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const left = countdown(order, now);
  if (!left) return null;
  if (left.leftMs === 0) return <span className="countdown">{t('orders.deadline.passed')}</span>;
  const number = new Intl.NumberFormat(i18n.language);
  const text = durationParts(left.leftMs)
    .map((part) => t(`orders.duration.${part.unit}`, { n: number.format(part.n) }))
    .join(' ');
  return (
    <span className="countdown" data-testid="countdown">
      {t(`orders.deadline.${left.kind}`, { left: text })}
    </span>
  );
}
