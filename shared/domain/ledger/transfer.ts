import { CURRENCIES, isAmount, type Currency } from './amounts';

/** One line of a transfer: a signed amount moved into (+) or out of (−) an account. */
export interface LedgerEntry {
  readonly account: string;
  readonly currency: Currency;
  readonly amount: number;
}

/** What a transfer must carry: where the money moved and why (`top_up:<id>`, `order:<id>`, `gift:<id>`). */
export interface TransferDraft {
  readonly source: string;
  readonly entries: readonly LedgerEntry[];
}

export type TransferCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const SOURCE = /^[a-z_]{2,32}:[A-Za-z0-9_.:-]{1,120}$/;

/**
 * The double-entry rule: at least two entries, whole non-zero amounts, each account at most once,
 * and the entries of each currency sum to zero. Refuses with a sentence; the caller decides what
 * to answer.
 */
export function checkTransfer(draft: TransferDraft): TransferCheck {
  if (!SOURCE.test(draft.source)) return { ok: false, reason: `A transfer's source is "kind:id" (top_up:…, order:…, gift:…), not "${draft.source}"` };
  if (draft.entries.length < 2) return { ok: false, reason: 'A transfer has at least two entries' };
  const sums = new Map<Currency, number>();
  const seen = new Set<string>();
  for (const entry of draft.entries) {
    if (!CURRENCIES.includes(entry.currency)) return { ok: false, reason: `Unknown currency ${String(entry.currency)}` };
    if (!isAmount(Math.abs(entry.amount))) return { ok: false, reason: `An entry moves a whole, non-zero amount, not ${entry.amount}` };
    const key = `${entry.account}\u0000${entry.currency}`;
    if (seen.has(key)) return { ok: false, reason: `Account ${entry.account} appears twice in one transfer` };
    seen.add(key);
    const sum = (sums.get(entry.currency) ?? 0) + entry.amount;
    if (!Number.isSafeInteger(sum)) return { ok: false, reason: 'A transfer total left the exact integer range' };
    sums.set(entry.currency, sum);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) return { ok: false, reason: `The ${currency} entries sum to ${sum}, not 0` };
  }
  return { ok: true };
}

/**
 * A canonical text for a transfer's body, used to tell an idempotent replay (same key, same body)
 * from a conflict (same key, different body). Entry order does not matter.
 */
export function transferFingerprint(draft: TransferDraft): string {
  const entries = draft.entries.map((e) => `${e.account}|${e.currency}|${e.amount}`).sort();
  return JSON.stringify([draft.source, entries]);
}

/** Net change per account and currency that applying the transfer makes. */
export function balanceChanges(entries: readonly LedgerEntry[]): Map<string, number> {
  const changes = new Map<string, number>();
  for (const e of entries) changes.set(e.account, (changes.get(e.account) ?? 0) + e.amount);
  return changes;
}
