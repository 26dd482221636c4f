import { TOP_UP_MAX_COINS, TOP_UP_MIN_COINS } from '@shared/domain/ledger/amounts';

export const TOP_UP_PRESETS = [60, 300, 980, 1980] as const;

/** The custom amount as coins, or null when it is not a whole number in the allowed range. */
export function parseCoins(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[0-9]{1,9}$/.test(trimmed)) return null;
  const coins = Number(trimmed);
  return coins >= TOP_UP_MIN_COINS && coins <= TOP_UP_MAX_COINS ? coins : null;
}

export type SourceKind = 'top_up' | 'order' | 'gift' | 'exchange' | 'other';

/** `top_up:<id>` → `top_up`: what the entries list calls each line ("Top-up", "Order", "Gift"). */
export function sourceKind(source: string): SourceKind {
  const kind = source.split(':', 1)[0];
  return kind === 'top_up' || kind === 'order' || kind === 'gift' || kind === 'exchange' ? kind : 'other';
}

/** A fresh idempotency key per purchase (a retry of the same purchase reuses it). */
export const newPurchaseKey = (): string => `web-${crypto.randomUUID()}`;
