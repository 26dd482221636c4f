/**
 * A sent gift's life. What the sender sees (the *sending state*) moves forward only:
 * `sent` → `delivered` (the streamer's app received it) → `seen` (shown to the streamer) →
 * `unlocked` | `converted` (the streamer's claim; exclusive), and `thanked` once the streamer
 * thanks — which may come at any point after delivery, claimed or not.
 */
export const GIFT_STATES = ['sent', 'delivered', 'seen', 'unlocked', 'converted'] as const;
export type GiftState = (typeof GIFT_STATES)[number];
export type SendingState = GiftState | 'thanked';

const ORDER: Record<GiftState, number> = { sent: 0, delivered: 1, seen: 2, unlocked: 3, converted: 3 };

/** States from which the streamer may still claim (unlock or convert). */
export const CLAIMABLE: readonly GiftState[] = ['sent', 'delivered', 'seen'];

export type Step = { readonly ok: true; readonly state: GiftState; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

/**
 * Applies a receipt (`delivered`, `seen`): forward only, and a receipt for a state already passed
 * is a harmless repeat (the streamer's app may acknowledge twice after a reconnect).
 */
export function receipt(current: GiftState, next: 'delivered' | 'seen'): Step {
  if (ORDER[next] <= ORDER[current]) return { ok: true, state: current, changed: false };
  return { ok: true, state: next, changed: true };
}

/** Unlocking or converting: only from an unclaimed state, and never both. */
export function claim(current: GiftState, action: 'unlock' | 'convert', free: boolean): Step {
  if (free) return { ok: false, reason: 'A free gift has no value to unlock or convert' };
  if (current === 'unlocked') return { ok: false, reason: 'This gift was already unlocked' };
  if (current === 'converted') return { ok: false, reason: 'This gift was already converted to diamonds' };
  return { ok: true, state: action === 'unlock' ? 'unlocked' : 'converted', changed: true };
}

export type Claim = 'unlocked' | 'converted';

/** The streamer's claim on a gift, if any: shown beside the sending state, which says `thanked` from thanks on. */
export function claimOf(state: GiftState): Claim | null {
  return state === 'unlocked' || state === 'converted' ? state : null;
}

/** What the sender sees: thanks show once given; otherwise the gift's state. */
export function sendingState(state: GiftState, thanked: boolean): SendingState {
  return thanked ? 'thanked' : state;
}
