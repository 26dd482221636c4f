/** A refusal from the ledger. A transfer that throws has possibly applied part of its balances: the caller must let its transaction roll back. */
export type LedgerErrorCode = 'insufficient_funds' | 'idempotency_conflict' | 'hold_settled' | 'not_found' | 'unbalanced' | 'payment_declined';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
