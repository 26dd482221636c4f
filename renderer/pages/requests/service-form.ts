import { PRICE_MAX_COINS, PRICE_MIN_COINS } from '@shared/domain/orders/customization';

export type PriceProblem = 'notWhole' | 'outOfRange';

/** The price field as typed: a whole number of coins within the platform's bounds, else why not. */
export function checkPrice(text: string): PriceProblem | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'notWhole';
  const value = Number(trimmed);
  return value < PRICE_MIN_COINS || value > PRICE_MAX_COINS ? 'outOfRange' : null;
}
