import type { Currency } from './amounts';

/**
 * Ledger account ids are derived, never stored twice: a user's coin and diamond accounts, and the
 * platform's own accounts. System accounts that issue money (top-up source, exchange issuer) may go
 * below zero; every user account, escrow and revenue never does.
 */
export type SystemAccount = 'top_up' | 'escrow' | 'revenue' | 'exchange';

export const userAccount = (userId: string, currency: Currency): string => `user:${userId}:${currency}`;
export const systemAccount = (name: SystemAccount, currency: Currency): string => `system:${name}:${currency}`;

/** Accounts that mint or absorb money from outside the ledger and so run negative by design. */
export function mayGoNegative(name: SystemAccount): boolean {
  return name === 'top_up' || name === 'exchange';
}

/** Every system account the ledger needs, created with the schema. */
export const SYSTEM_ACCOUNTS: readonly { readonly name: SystemAccount; readonly currency: Currency }[] = [
  { name: 'top_up', currency: 'coin' },
  { name: 'escrow', currency: 'coin' },
  { name: 'revenue', currency: 'coin' },
  { name: 'exchange', currency: 'coin' },
  { name: 'exchange', currency: 'diamond' },
];

/** A short label for a counterparty in a user's statement. */
export function accountLabel(account: string): string {
  const [kind, name] = account.split(':');
  if (kind === 'user') return 'user';
  switch (name) {
    case 'top_up':
      return 'Top-up';
    case 'escrow':
      return 'Held';
    case 'revenue':
      return 'Platform';
    case 'exchange':
      return 'Exchange';
    default:
      return account;
  }
}
