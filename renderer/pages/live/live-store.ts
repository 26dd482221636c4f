import type { DraftId } from '@shared/domain/ids';
import type { LiveState } from '@shared/ipc/nouns/live';
import type { Result } from '@shared/ipc/result';
import type { ConvertResponse, GiftId, ReceivedGift, Redemption, UnlockResponse } from '@shared/protocol/gifts';
import type { Leaderboard } from '@shared/protocol/leaderboards';
import type { RoomId } from '@shared/protocol/rooms';
import type { Wallet } from '@shared/protocol/wallet';
import { studioClient } from '../../client/studio-client';
import { syncedStore, useStore } from '../../client/synced-store';
import { alertEndsAt, emptyAlertQueue, reduceAlerts, type AlertAction, type AlertQueue } from './alert-queue';
import { playGiftSound } from './gift-sound';

export interface LiveSession {
  readonly live: LiveState;
  /** The inbox, newest first, one entry per gift id (events and reloads merged). */
  readonly gifts: readonly ReceivedGift[];
  readonly wallet: Wallet | null;
  readonly error: string | null;
}

const session = syncedStore<LiveSession>({ live: { room: null, connected: false }, gifts: [], wallet: null, error: null }, (store) => {
  const client = studioClient();
  void client.live.state().then((r) => r.ok && applyState(r.value));
  client.on('live.state', (state) => applyState(state));
  client.on('live.gift', (gift) => {
    mergeGifts([gift]);
    if (session.get().live.room?.id === gift.roomId) offerAlert(gift);
    void refreshWallet();
  });
  client.on('account.changed', () => {
    store.update((s) => ({ ...s, gifts: [], wallet: null }));
    void refreshInbox();
  });
  void refreshInbox();
  void refreshWallet();
});

let wasConnected = false;
function applyState(state: LiveState): void {
  session.update((s) => ({ ...s, live: state }));
  // A gift sent while the socket was down is replayed on it; the inbox is read again too, for what
  // came before the first subscription.
  if (state.connected && !wasConnected) void refreshInbox();
  wasConnected = state.connected;
}

function mergeGifts(incoming: readonly ReceivedGift[]): void {
  session.update((s) => {
    const byId = new Map(s.gifts.map((g) => [g.id, g]));
    for (const g of incoming) byId.set(g.id, g);
    return { ...s, gifts: [...byId.values()].sort((a, b) => b.sentAt - a.sentAt || (a.id < b.id ? 1 : -1)) };
  });
}

async function refreshInbox(): Promise<void> {
  const result = await studioClient().live.gifts();
  if (result.ok) mergeGifts(result.value.gifts);
}

async function refreshWallet(): Promise<void> {
  const result = await studioClient().live.wallet();
  if (result.ok) session.update((s) => ({ ...s, wallet: result.value }));
}

/**
 * What the streamer's actions answered, per gift, for as long as the studio runs: the code is shown
 * only once by the platform, so leaving the page and coming back must not lose it.
 */
export interface GiftOutcome {
  readonly unlocked?: UnlockResponse;
  readonly converted?: ConvertResponse;
  readonly redeemed?: Redemption;
}
const outcomes = syncedStore<ReadonlyMap<string, GiftOutcome>>(new Map());
const remember = (id: GiftId, outcome: GiftOutcome): void => outcomes.update((m) => new Map(m).set(id, { ...m.get(id), ...outcome }));

/** Replaces one gift after an action (its state, its thanks). */
const replaceGift = (gift: ReceivedGift): void => mergeGifts([gift]);
const patchGift = (id: GiftId, change: Partial<ReceivedGift>): void => session.update((s) => ({ ...s, gifts: s.gifts.map((g) => (g.id === id ? { ...g, ...change } : g)) }));

// The alert queue: pure state (alert-queue.ts) plus one timer for the alert on screen.
const alerts = syncedStore<AlertQueue<ReceivedGift>>(emptyAlertQueue());
let timer: ReturnType<typeof setTimeout> | null = null;
function actAlerts(action: AlertAction<ReceivedGift>): void {
  const before = alerts.get();
  const next = reduceAlerts(before, action, Date.now());
  alerts.set(next);
  if (next.current && (next.current !== before.current || next.shownAt !== before.shownAt)) onShown(next.current);
  if (timer) clearTimeout(timer);
  timer = null;
  const ends = alertEndsAt(next);
  if (ends !== null) timer = setTimeout(() => actAlerts({ type: 'tick' }), Math.max(0, ends - Date.now()));
}
function offerAlert(gift: ReceivedGift): void {
  actAlerts({ type: 'offer', alert: gift });
}
function onShown(gift: ReceivedGift): void {
  playGiftSound(gift.giftId);
  // The sender sees "seen" once the alert showed it (forward only: a replay changes nothing).
  if (gift.state === 'sent' || gift.state === 'delivered')
    void studioClient()
      .live.seen({ giftId: gift.id })
      .then((r) => r.ok && replaceGift(r.value));
}

export const liveStore = {
  goLive: async (title: string): Promise<Result<LiveState>> => {
    const result = await studioClient().live.goLive({ title, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    if (result.ok) applyState(result.value);
    return result;
  },
  end: async (roomId: RoomId): Promise<Result<LiveState>> => {
    const result = await studioClient().live.end({ roomId });
    if (result.ok) applyState(result.value);
    return result;
  },
  unlock: async (giftId: GiftId): Promise<Result<UnlockResponse>> => {
    const result = await studioClient().live.unlock({ giftId });
    if (result.ok) {
      remember(giftId, { unlocked: result.value });
      patchGift(giftId, { state: 'unlocked', claim: 'unlocked' });
    }
    return result;
  },
  redeem: async (giftId: GiftId): Promise<Result<Redemption>> => {
    const result = await studioClient().live.redeem({ giftId });
    if (result.ok) remember(giftId, { redeemed: result.value });
    return result;
  },
  convert: async (giftId: GiftId): Promise<Result<ConvertResponse>> => {
    const result = await studioClient().live.convert({ giftId });
    if (result.ok) {
      remember(giftId, { converted: result.value });
      patchGift(giftId, { state: 'converted', claim: 'converted' });
      void refreshWallet();
    }
    return result;
  },
  thank: async (giftId: GiftId, thanks: Readonly<{ text?: string; picture?: { bytes: Uint8Array<ArrayBuffer>; filename: string }; clip?: { draftId: DraftId } }>): Promise<Result<ReceivedGift>> => {
    const result = await studioClient().live.thank({ giftId, ...thanks });
    if (result.ok) replaceGift(result.value);
    return result;
  },
  leaderboard: (roomId: RoomId): Promise<Result<Leaderboard>> => studioClient().live.leaderboard({ roomId }),
  alerts: actAlerts,
};

export const useLiveSession = (): LiveSession => useStore(session);
export const useOutcomes = (): ReadonlyMap<string, GiftOutcome> => useStore(outcomes);
export const useAlerts = (): AlertQueue<ReceivedGift> => useStore(alerts);
