import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { userAccount } from './accounts';
import { exchangeEntries, holdEntries, releaseEntries, topUpEntries } from './plans';
import { checkTransfer, transferFingerprint, type LedgerEntry } from './transfer';

const e = (account: string, amount: number, currency: 'coin' | 'diamond' = 'coin'): LedgerEntry => ({ account, currency, amount });

describe('checkTransfer', () => {
  test('accepts entries that sum to zero per currency', () => {
    expect(checkTransfer({ source: 'top_up:t1', entries: [e('a', -5), e('b', 5)] })).toEqual({ ok: true });
    expect(checkTransfer({ source: 'gift:g1', entries: exchangeEntries('user:u1:coin', 'u2', 36, 2500) })).toEqual({ ok: true });
  });

  test('refuses an unbalanced transfer, per currency, even when the grand total is zero', () => {
    expect(checkTransfer({ source: 'top_up:t1', entries: [e('a', -5), e('b', 4)] })).toMatchObject({ ok: false, reason: expect.stringContaining('sum to -1') });
    expect(checkTransfer({ source: 'gift:g1', entries: [e('a', -5), e('b', 5, 'diamond')] }).ok).toBe(false);
  });

  test('refuses zero, fractional amounts, a single entry, a repeated account and a bad source', () => {
    expect(checkTransfer({ source: 'x:1', entries: [e('a', 0), e('b', 0)] }).ok).toBe(false);
    expect(checkTransfer({ source: 'x:1', entries: [e('a', -0.5), e('b', 0.5)] }).ok).toBe(false);
    expect(checkTransfer({ source: 'x:1', entries: [e('a', 0)] }).ok).toBe(false);
    expect(checkTransfer({ source: 'x:1', entries: [e('a', -1), e('a', 1)] }).ok).toBe(false);
    expect(checkTransfer({ source: 'no source', entries: [e('a', -1), e('b', 1)] }).ok).toBe(false);
  });

  test('every standard plan balances for any amount and cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }), (coins, cut) => {
        for (const entries of [topUpEntries('u1', coins), holdEntries('u1', coins), releaseEntries('u1', coins), exchangeEntries(userAccount('u1', 'coin'), 'u2', coins, cut)]) {
          expect(checkTransfer({ source: 'order:o1', entries })).toEqual({ ok: true });
        }
      }),
    );
  });
});

test('the fingerprint ignores entry order and tells different bodies apart', () => {
  const a = { source: 'gift:g1', entries: [e('a', -5), e('b', 5)] };
  expect(transferFingerprint(a)).toBe(transferFingerprint({ source: 'gift:g1', entries: [e('b', 5), e('a', -5)] }));
  expect(transferFingerprint(a)).not.toBe(transferFingerprint({ source: 'gift:g1', entries: [e('a', -6), e('b', 6)] }));
  expect(transferFingerprint(a)).not.toBe(transferFingerprint({ source: 'gift:g2', entries: a.entries }));
});
