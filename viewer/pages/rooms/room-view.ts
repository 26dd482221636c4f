import { MESSAGE_MAX_CHARS } from '@shared/domain/gifts/economics';
import type { MenuEntry, SentGift, Thanks } from '@shared/protocol/gifts';

/**
 * The room page's rules over plain data (no React, no clock inside): the platform's clock as seen
 * from here, the gift menu's countdowns, the sender's gifts with their live sending state, and the
 * room's notices.
 */

/**
 * The platform's clock, as an offset from this browser's. Gift windows open and close by the
 * platform's time (a test platform may run its clock elsewhere), so countdowns never trust the
 * browser's own. A menu answer sets it; a live event may only move it forward (a replayed event is
 * older, never newer, than its arrival).
 */
export interface PlatformClock {
  readonly skewMs: number;
}
export const clockFromAnswer = (platformAt: number, localNow: number): PlatformClock => ({ skewMs: platformAt - localNow });
export function clockAfterEvent(clock: PlatformClock, eventAt: number, localNow: number): PlatformClock {
  const skewMs = eventAt - localNow;
  return skewMs > clock.skewMs ? { skewMs } : clock;
}
export const platformNow = (clock: PlatformClock, localNow: number): number => localNow + clock.skewMs;

/** A countdown as a clock face: `29:59`, `1:05:00`; zero once passed. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The earliest instant at which the menu changes (a window closes or opens); null when nothing is scheduled. */
export function nextMenuChange(gifts: readonly MenuEntry[]): number | null {
  let next: number | null = null;
  for (const gift of gifts) {
    const at = gift.open ? gift.closesAt : gift.nextOpensAt;
    if (at !== undefined && (next === null || at < next)) next = at;
  }
  return next;
}

/** Open gifts first (soonest closing first, always-open after), then closed ones by when they open. */
export function sortMenu(gifts: readonly MenuEntry[]): MenuEntry[] {
  const key = (g: MenuEntry): [number, number] => (g.open ? [0, g.closesAt ?? Number.MAX_SAFE_INTEGER] : [1, g.nextOpensAt ?? Number.MAX_SAFE_INTEGER]);
  return [...gifts].sort((a, b) => {
    const [ga, ta] = key(a);
    const [gb, tb] = key(b);
    return ga - gb || ta - tb || a.coinPrice - b.coinPrice;
  });
}

/** What can be sent now: a free gift needs some of today's allowance left (unknown when signed out). */
export function canSend(gift: MenuEntry): boolean {
  return gift.open && (gift.coinPrice > 0 || gift.freeLeftToday === undefined || gift.freeLeftToday > 0);
}

export type MessageCheck = { readonly ok: true; readonly message: string | undefined } | { readonly ok: false; readonly length: number };
/** The optional message: trimmed, empty → none, at most 140 characters (code points, as the platform counts). */
export function checkMessage(text: string): MessageCheck {
  const message = text.trim();
  const length = [...message].length;
  if (length > MESSAGE_MAX_CHARS) return { ok: false, length };
  return { ok: true, message: message === '' ? undefined : message };
}

/** How far a sending state has come: the sender's view only moves forward (an older event never undoes a newer one). */
const RANK: Record<SentGift['state'], number> = { sent: 0, delivered: 1, seen: 2, unlocked: 3, converted: 3, thanked: 4 };

export interface StateUpdate {
  readonly giftId: string;
  readonly state: SentGift['state'];
  readonly thanks?: Thanks | null;
  readonly claim?: 'unlocked' | 'converted' | null;
}

/**
 * A sent gift as the page keeps it: the platform's view, whose `claim` keeps the streamer's unlock or
 * convert visible after thanks (the sending state shows `thanked` from thanks on).
 */
export type KeptGift = SentGift;

/** Applies a state to a gift: the further state wins; thanks, once given, stay; a claim is remembered. */
export function advance(gift: KeptGift, update: Readonly<{ state: SentGift['state']; thanks?: Thanks | null; claim?: 'unlocked' | 'converted' | null }>): KeptGift {
  const state = RANK[update.state] >= RANK[gift.state] ? update.state : gift.state;
  const thanks = update.thanks ?? gift.thanks;
  const claim = update.state === 'unlocked' || update.state === 'converted' ? update.state : (update.claim ?? gift.claim);
  return state === gift.state && thanks === gift.thanks && claim === gift.claim ? gift : { ...gift, state, thanks, claim };
}

/**
 * The sender's gifts in this room, newest first, with states that arrived before the send's own
 * answer (the streamer's app can acknowledge faster than the answer travels) kept until it comes.
 */
export interface SentGifts {
  readonly gifts: readonly KeptGift[];
  readonly early: ReadonlyMap<string, StateUpdate>;
}
export const noSentGifts: SentGifts = { gifts: [], early: new Map() };

export function addSent(list: SentGifts, gift: KeptGift): SentGifts {
  const early = list.early.get(gift.id);
  const merged = early ? advance(gift, early) : gift;
  const rest = list.gifts.filter((g) => g.id !== gift.id);
  const previous = list.gifts.find((g) => g.id === gift.id);
  const next = new Map(list.early);
  next.delete(gift.id);
  return { gifts: [previous ? advance(merged, previous) : merged, ...rest], early: next };
}

export function applyState(list: SentGifts, update: StateUpdate): SentGifts {
  if (list.gifts.some((g) => g.id === update.giftId)) return { ...list, gifts: list.gifts.map((g) => (g.id === update.giftId ? advance(g, update) : g)) };
  const held = list.early.get(update.giftId);
  const next = new Map(list.early);
  next.set(update.giftId, held ? mergeUpdates(held, update) : update);
  return { gifts: list.gifts, early: next };
}

/** Two updates for a gift not listed yet, as one: the further state, any thanks, any claim. */
function mergeUpdates(a: StateUpdate, b: StateUpdate): StateUpdate {
  const claimOf = (u: StateUpdate) => (u.state === 'unlocked' || u.state === 'converted' ? u.state : u.claim);
  const claim = claimOf(b) ?? claimOf(a);
  return { giftId: a.giftId, state: RANK[b.state] >= RANK[a.state] ? b.state : a.state, thanks: b.thanks ?? a.thanks ?? null, ...(claim ? { claim } : {}) };
}

/** The steps shown for a gift, with how far it has come (unlock and convert are one step: the streamer's choice). */
export type Step = 'sent' | 'delivered' | 'seen' | 'claimed' | 'thanked';
export const STEPS: readonly Step[] = ['sent', 'delivered', 'seen', 'claimed', 'thanked'];
export function reachedSteps(gift: KeptGift): ReadonlySet<Step> {
  const rank = RANK[gift.state];
  const reached = new Set<Step>(STEPS.filter((_s, i) => i <= Math.min(rank, 2)));
  if (gift.state === 'unlocked' || gift.state === 'converted' || gift.claim) reached.add('claimed');
  if (gift.thanks) reached.add('thanked');
  return reached;
}

/** A public notice in the room ("@ana sent a bundle of flowers"). */
export interface Notice {
  readonly id: number;
  readonly giftId: string;
  readonly gift: string;
  readonly senderHandle: string;
  readonly text: string;
  readonly at: number;
}
export const NOTICES_KEPT = 30;
/** Newest first, each once (a replay after a reconnect repeats nothing), at most 30. */
export function addNotice(notices: readonly Notice[], notice: Notice): Notice[] {
  if (notices.some((n) => n.id === notice.id || n.giftId === notice.giftId)) return [...notices];
  return [notice, ...notices].slice(0, NOTICES_KEPT);
}

/** A new idempotency key for one send attempt (a retry after a lost answer reuses it). */
export const newSendKey = (): string => `room-gift-${crypto.randomUUID()}`;

/** The month before a `YYYY-MM` period key (the board's "last month"). */
export function previousMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
