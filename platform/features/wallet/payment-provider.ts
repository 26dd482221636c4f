/** The seam to whoever takes the viewer's money for coins. */
export interface PaymentProvider {
  readonly name: string;
  /** Charges for `coins`; `idempotencyKey` lets a real provider refuse to charge a retry twice. */
  charge(request: Readonly<{ userId: string; coins: number; idempotencyKey: string }>): Promise<PaymentResult>;
}

export type PaymentResult = { readonly ok: true; readonly reference: string } | { readonly ok: false; readonly reason: string };

/** Built-in provider for development and tests: always pays, unless told to decline. */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  constructor(private readonly options: Readonly<{ decline?: boolean }> = {}) {}

  charge(request: Readonly<{ userId: string; coins: number; idempotencyKey: string }>): Promise<PaymentResult> {
    if (this.options.decline) return Promise.resolve({ ok: false, reason: 'The sandbox payment provider is set to decline' });
    return Promise.resolve({ ok: true, reference: `sandbox:${request.idempotencyKey}` });
  }
}
