import { exchangeSplit, type Currency } from './amounts';
import { systemAccount, userAccount } from './accounts';
import type { LedgerEntry } from './transfer';

/** The entries of the ledger's standard movements, so callers never hand-write a transfer. */

export function topUpEntries(userId: string, coins: number): LedgerEntry[] {
  return [
    { account: systemAccount('top_up', 'coin'), currency: 'coin', amount: -coins },
    { account: userAccount(userId, 'coin'), currency: 'coin', amount: coins },
  ];
}

export function holdEntries(userId: string, coins: number): LedgerEntry[] {
  return [
    { account: userAccount(userId, 'coin'), currency: 'coin', amount: -coins },
    { account: systemAccount('escrow', 'coin'), currency: 'coin', amount: coins },
  ];
}

export function releaseEntries(userId: string, coins: number): LedgerEntry[] {
  return [
    { account: systemAccount('escrow', 'coin'), currency: 'coin', amount: -coins },
    { account: userAccount(userId, 'coin'), currency: 'coin', amount: coins },
  ];
}

/**
 * Coins paid from `fromAccount` become diamonds for the earner minus the platform's cut, which the
 * platform keeps in coins: 36 coins at 25 % → −36 payer, +9 platform revenue, +27 exchange (coins);
 * −27 exchange, +27 earner (diamonds). Each currency sums to zero.
 */
export function exchangeEntries(fromAccount: string, earnerUserId: string, priceCoins: number, cutBps: number): LedgerEntry[] {
  const split = exchangeSplit(priceCoins, cutBps);
  const coin: Currency = 'coin';
  const entries: LedgerEntry[] = [{ account: fromAccount, currency: coin, amount: -priceCoins }];
  if (split.platform > 0) entries.push({ account: systemAccount('revenue', coin), currency: coin, amount: split.platform });
  if (split.earner > 0) {
    entries.push(
      { account: systemAccount('exchange', coin), currency: coin, amount: split.earner },
      { account: systemAccount('exchange', 'diamond'), currency: 'diamond', amount: -split.earner },
      { account: userAccount(earnerUserId, 'diamond'), currency: 'diamond', amount: split.earner },
    );
  }
  return entries;
}
