/** A hold keeps coins in escrow until it is captured (paid out) or released (given back), once. */
export type HoldState = 'pending' | 'captured' | 'released';
export type HoldAction = 'capture' | 'release';

export type HoldTransition = { readonly ok: true; readonly next: HoldState } | { readonly ok: false; readonly reason: string };

export function settleHold(state: HoldState, action: HoldAction): HoldTransition {
  switch (state) {
    case 'pending':
      return { ok: true, next: action === 'capture' ? 'captured' : 'released' };
    case 'captured':
    case 'released':
      return { ok: false, reason: `This hold was already ${state}` };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
