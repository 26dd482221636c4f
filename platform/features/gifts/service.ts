import { userAccount } from '@shared/domain/ledger/accounts';
import { BASIS_POINTS, DEFAULT_CUT_BPS } from '@shared/domain/ledger/amounts';
import { AUTO_CONVERT_AFTER_MS, autoConvertAt, checkFreeGiftAllowance, CODE_VALID_MS, convertSplit, feedingValue, FREE_GIFTS_PER_DAY } from '@shared/domain/gifts/economics';
import { popularityPoints } from '@shared/domain/gifts/popularity';
import { claim, receipt } from '@shared/domain/gifts/sending-state';
import { inSentence } from '@shared/catalog/gift-names';
import { availability, localDayKey, monthKey } from '@shared/domain/gifts/windows';
import { GIFT_EVENTS, type ConvertResponse, type GiftMenu, type ReceivedGift, type Redemption, type SendGiftRequest, type SentGift, type UnlockResponse } from '@shared/protocol/gifts';
import { ROOM_EVENTS } from '@shared/protocol/rooms';
import { isUniqueViolation } from '../../kernel/db/errors';
import { transaction, type Executor, type Trx } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';
import { ApiError } from '../../kernel/http/api-error';
import type { RangedFile } from '../../kernel/http/ranged-file';
import type { Scheduler } from '../../kernel/jobs/scheduler';
import type { FeedingRecorder } from '../leaderboards/service';
import type { CodeIssuer } from '../merchant/service';
import type { Notifier } from '../notifications/service';
import type { RoomLookup } from '../rooms/service';
import { LedgerError, type WalletLedger } from '../wallet/service';
import type { GiftCatalogRepository } from './catalog-repository';
import { newGiftId, type GiftRecord, type GiftsRepository } from './repository';
import { DEFAULT_SEND_RATE, SendLimiter, type SendRate } from './send-limiter';
import type { KeptThanksMedia, ThanksMediaStore } from './thanks-media';
import { receivedView, sentView } from './views';

export const AUTO_CONVERT_JOB = 'gifts.auto-convert';

export interface GiftPolicy {
  /** Unclaimed gifts convert by themselves after this long (default 72 h). */
  readonly autoConvertAfterMs: number;
  /** The platform's cut on converting, basis points (default 25 %). */
  readonly cutBps: number;
  readonly freePerDay: number;
  readonly sendRate: SendRate;
  readonly codeValidMs: number;
}

export const DEFAULT_GIFT_POLICY: GiftPolicy = {
  autoConvertAfterMs: AUTO_CONVERT_AFTER_MS,
  cutBps: DEFAULT_CUT_BPS,
  freePerDay: FREE_GIFTS_PER_DAY,
  sendRate: DEFAULT_SEND_RATE,
  codeValidMs: CODE_VALID_MS,
};

export interface GiftsDeps {
  readonly db: Executor;
  readonly gifts: GiftsRepository;
  readonly catalog: GiftCatalogRepository;
  readonly rooms: RoomLookup;
  readonly ledger: WalletLedger;
  readonly boards: FeedingRecorder;
  readonly codes: CodeIssuer;
  readonly jobs: Pick<Scheduler, 'schedule' | 'cancel'>;
  readonly events: Pick<EventLog, 'publish' | 'publishAll'>;
  readonly now: () => number;
  readonly policy?: Partial<GiftPolicy>;
  /** Thanks pictures and clips: checks a streamer's upload, keeps it for good, reads it back; absent → thanks are text only. */
  readonly thanksMedia?: ThanksMediaStore;
  /** The bell: the streamer hears of a gift, the sender of thanks (in the same transaction). */
  readonly notifier?: Notifier;
}

export interface Sender {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
}

/** 402 with how many coins are missing. */
export class ShortfallError extends ApiError {
  constructor(readonly shortfall: number) {
    super('insufficient_funds', `Not enough coins: ${shortfall} more needed`);
  }
}

/** Sending gifts, the streamer's actions on them (receipts, unlock, convert, redeem, thanks), auto-convert. */
export class GiftsService {
  readonly policy: GiftPolicy;
  private readonly limiter: SendLimiter;

  constructor(private readonly deps: GiftsDeps) {
    this.policy = { ...DEFAULT_GIFT_POLICY, ...deps.policy };
    this.limiter = new SendLimiter(this.policy.sendRate);
  }

  async menu(roomId: string, callerId: string | null): Promise<GiftMenu> {
    const room = await this.deps.rooms.byId(roomId);
    if (!room) throw new ApiError('not_found', 'No such room');
    const at = this.deps.now();
    const day = localDayKey(at, room.timeZone);
    const freeSent = callerId ? await this.deps.gifts.freeSent(roomId, callerId, day) : 0;
    const gifts = (await this.deps.catalog.all()).map((g) => {
      const open = availability(g.schedule, room.timeZone, at);
      return {
        id: g.id,
        name: g.name,
        image: g.image,
        animation: g.animation,
        sound: g.sound,
        coinPrice: g.coinPrice,
        diamondValue: g.diamondValue,
        item: g.item,
        ...open,
        ...(g.coinPrice === 0 && callerId ? { freeLeftToday: Math.max(0, this.policy.freePerDay - freeSent) } : {}),
      };
    });
    return { roomId: room.id as GiftMenu['roomId'], timeZone: room.timeZone, at, gifts };
  }

  /**
   * Sends a gift: the coins move into escrow, the gift, its auto-convert job, the boards and the
   * events (to the streamer, the sender and the room) are written in one transaction. The same key
   * with the same body answers the first gift (`replayed`); with another body → 409.
   */
  async send(sender: Sender, roomId: string, request: SendGiftRequest): Promise<{ gift: SentGift; replayed: boolean }> {
    const fingerprint = JSON.stringify([roomId, request.giftId, request.message ?? null]);
    const replay = await this.replayOf(sender.id, request.idempotencyKey, fingerprint);
    if (replay) return { gift: sentView(replay), replayed: true };
    const allowed = this.limiter.take(sender.id);
    if (!allowed.ok) throw new ApiError('rate_limited', `Too many gifts at once; try again in ${Math.ceil(allowed.retryInMs / 1000)} s`);

    const room = await this.deps.rooms.byId(roomId);
    if (!room) throw new ApiError('not_found', 'No such room');
    if (room.state !== 'open') throw new ApiError('room_closed', 'This room is closed; gifts can be sent while the streamer is live');
    if (room.streamerId === sender.id) throw new ApiError('bad_request', 'You cannot send gifts to your own room');
    const entry = await this.deps.catalog.byId(request.giftId);
    if (!entry) throw new ApiError('not_found', `No gift "${request.giftId}" in the catalog`);
    const at = this.deps.now();
    const open = availability(entry.schedule, room.timeZone, at);
    if (!open.open) throw new ApiError('gift_closed', `${entry.name} is not on the menu now; it opens again at ${new Date(open.nextOpensAt).toISOString()}`);

    const gift: GiftRecord = {
      id: newGiftId(),
      roomId,
      streamerId: room.streamerId,
      sender,
      catalogId: entry.id,
      name: entry.name,
      coinPrice: entry.coinPrice,
      diamondValue: entry.diamondValue,
      item: entry.item,
      codePrefix: entry.codePrefix,
      message: request.message ?? null,
      state: 'sent',
      holdId: null,
      idempotencyKey: request.idempotencyKey,
      fingerprint,
      sentAt: at,
      claimedAt: null,
      thanks: null,
    };
    try {
      await transaction(this.deps.db, async (trx) => {
        if (entry.coinPrice === 0) {
          await this.deps.gifts.insert(trx, gift);
          if (!(await this.deps.gifts.countFree(trx, roomId, sender.id, localDayKey(at, room.timeZone), this.policy.freePerDay))) {
            const refusal = checkFreeGiftAllowance(this.policy.freePerDay, this.policy.freePerDay);
            throw new ApiError('free_gift_limit', refusal.ok ? 'Free gift limit reached' : refusal.reason);
          }
        } else {
          // The hold first, so the gift is written once with its hold (no second UPDATE); a refused
          // hold or a key already taken (the insert's unique violation) rolls both back.
          const hold = await this.deps.ledger.hold(trx, { userId: sender.id, coins: entry.coinPrice, source: `gift:${gift.id}`, idempotencyKey: `gift:${gift.id}` });
          await this.deps.gifts.insert(trx, { ...gift, holdId: hold.id });
          await this.deps.jobs.schedule(AUTO_CONVERT_JOB, gift.id, autoConvertAt(at, this.policy.autoConvertAfterMs), null, trx);
        }
        await this.deps.boards.record(trx, {
          roomId,
          roomPeriod: monthKey(at, room.timeZone),
          streamerPeriod: monthKey(at),
          streamer: { id: room.streamerId, handle: room.streamerHandle, displayName: room.streamerName },
          viewer: sender,
          feedingValue: feedingValue(entry.diamondValue),
          totalValue: entry.coinPrice,
          popularityPoints: popularityPoints(entry.diamondValue),
          at,
        });
        // The streamer's bell: its rows here, its event in the one insert below (before the gift's, as when it published alone).
        const bell = await this.deps.notifier?.write(trx, room.streamerId, {
          kind: 'gift.received',
          said: gift.message
            ? { key: 'giftReceivedWithMessage', params: { sender: sender.handle, gift: entry.name, giftId: entry.id, message: gift.message } }
            : { key: 'giftReceived', params: { sender: sender.handle, gift: entry.name, giftId: entry.id } },
          target: { kind: 'gift', id: gift.id },
        });
        // One insert for the four (the order is kept: ids follow it).
        await this.deps.events.publishAll(trx, [
          ...(bell ? [bell.event] : []),
          { topic: `user:${room.streamerId}`, type: GIFT_EVENTS.received, data: receivedView(gift, this.policy.autoConvertAfterMs), at },
          { topic: `user:${sender.id}`, type: GIFT_EVENTS.state, data: { giftId: gift.id, state: 'sent', claim: null, at }, at },
          {
            topic: `room:${roomId}`,
            type: ROOM_EVENTS.gift,
            data: {
              giftId: gift.id,
              gift: entry.id,
              name: entry.name,
              animation: entry.animation,
              sound: entry.sound,
              sender: { handle: sender.handle, displayName: sender.displayName },
              notice: `@${sender.handle} sent ${inSentence(entry.name)}`,
            },
            at,
          },
        ]);
      });
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'insufficient_funds') {
        // The hold comes before the gift's insert: when the same key raced in and its gift took the
        // coins, this request is that gift's replay, not a shortfall.
        const winner = await this.replayOf(sender.id, request.idempotencyKey, fingerprint);
        if (winner) return { gift: sentView(winner), replayed: true };
        const balance = await this.deps.ledger.balance(this.deps.db, userAccount(sender.id, 'coin'));
        throw new ShortfallError(Math.max(1, entry.coinPrice - balance));
      }
      if (isUniqueViolation(error)) {
        // The same key raced in from another request: answer as a replay of the winner.
        const winner = await this.replayOf(sender.id, request.idempotencyKey, fingerprint);
        if (winner) return { gift: sentView(winner), replayed: true };
      }
      throw error;
    }
    return { gift: sentView(gift), replayed: false };
  }

  async view(callerId: string, giftId: string): Promise<SentGift | ReceivedGift> {
    const gift = await this.deps.gifts.byId(giftId);
    if (gift && gift.streamerId === callerId) return receivedView(gift, this.policy.autoConvertAfterMs);
    if (gift && gift.sender.id === callerId) return sentView(gift);
    throw new ApiError('not_found', 'No such gift');
  }

  async received(streamerId: string): Promise<ReceivedGift[]> {
    return (await this.deps.gifts.received(streamerId, 100)).map((g) => receivedView(g, this.policy.autoConvertAfterMs));
  }

  /** The streamer's app received (`delivered`) or showed (`seen`) the gift; forward only, repeats harmless. */
  async receipt(callerId: string, giftId: string, next: 'delivered' | 'seen'): Promise<ReceivedGift> {
    const gift = await this.ownGift(callerId, giftId);
    const step = receipt(gift.state, next);
    if (!step.ok || !step.changed) return receivedView(gift, this.policy.autoConvertAfterMs);
    const at = this.deps.now();
    const updated = await transaction(this.deps.db, async (trx) => {
      const moved = await this.deps.gifts.advance(trx, giftId, next === 'delivered' ? ['sent'] : ['sent', 'delivered'], next);
      if (moved) await this.publishState(trx, moved, at);
      return moved;
    });
    return receivedView(updated ?? (await this.deps.gifts.byId(giftId))!, this.policy.autoConvertAfterMs);
  }

  /** Reveals a code for the real item: the whole price goes to the platform (which pays the merchant). */
  async unlock(callerId: string, giftId: string): Promise<UnlockResponse> {
    const gift = await this.ownGift(callerId, giftId);
    this.checkClaim(gift, 'unlock');
    return transaction(this.deps.db, (trx) => this.unlockIn(trx, gift));
  }

  async convert(callerId: string, giftId: string): Promise<ConvertResponse> {
    const gift = await this.ownGift(callerId, giftId);
    this.checkClaim(gift, 'convert');
    return transaction(this.deps.db, async (trx) => {
      const result = await this.convertIn(trx, gift.id, this.deps.now());
      if (!result) throw new ApiError('gift_claimed', 'This gift was already unlocked or converted');
      return result;
    });
  }

  /** Redeems the item at its merchant for the streamer, unlocking the gift first when it is unclaimed. */
  async redeem(callerId: string, giftId: string): Promise<Redemption> {
    const gift = await this.ownGift(callerId, giftId);
    if (gift.state === 'converted') throw new ApiError('gift_claimed', 'This gift was converted to diamonds; there is no item to redeem');
    if (gift.state === 'unlocked') return this.deps.codes.redeemGift(gift.id);
    this.checkClaim(gift, 'unlock');
    return transaction(this.deps.db, async (trx) => {
      await this.unlockIn(trx, gift);
      return this.deps.codes.redeemGift(gift.id, trx);
    });
  }

  async thank(caller: Sender, giftId: string, thanks: Readonly<{ text?: string | undefined; mediaUploadId?: string | undefined }>): Promise<ReceivedGift> {
    await this.ownGift(caller.id, giftId);
    let media: KeptThanksMedia | null = null;
    if (thanks.mediaUploadId !== undefined) {
      if (!this.deps.thanksMedia) throw new ApiError('bad_request', 'This platform takes thanks as text only');
      media = await this.deps.thanksMedia.check(thanks.mediaUploadId, caller.id, giftId);
    }
    const at = this.deps.now();
    // The row first, then the file (as a post does): a crash in between leaves the upload where `thanksMediaFile` finds and moves it.
    const updated = await transaction(this.deps.db, async (trx) => {
      const row = await this.deps.gifts.setThanks(trx, giftId, { text: thanks.text ?? null, mediaUploadId: thanks.mediaUploadId ?? null, at, media });
      await this.publishState(trx, row!, at);
      await this.deps.notifier?.notify(trx, row!.sender.id, {
        kind: 'gift.thanked',
        said: thanks.text
          ? { key: 'giftThankedWithText', params: { sender: caller.handle, gift: row!.name, giftId: row!.catalogId, text: thanks.text } }
          : { key: 'giftThanked', params: { sender: caller.handle, gift: row!.name, giftId: row!.catalogId } },
        target: { kind: 'gift', id: giftId },
      });
      return row!;
    });
    if (media && thanks.mediaUploadId !== undefined) await this.deps.thanksMedia!.keep(media, thanks.mediaUploadId);
    return receivedView(updated, this.policy.autoConvertAfterMs);
  }

  /** The thanks picture or clip, for the gift's sender or streamer only (anyone else: 404, as for the gift itself). */
  async thanksMediaFile(callerId: string, giftId: string): Promise<RangedFile> {
    const gift = await this.deps.gifts.byId(giftId);
    if (!gift || (gift.streamerId !== callerId && gift.sender.id !== callerId)) throw new ApiError('not_found', 'No such gift');
    const media = gift.thanks?.media;
    if (!media || !this.deps.thanksMedia) throw new ApiError('not_found', 'This gift’s thanks have no picture or clip');
    const file = await this.deps.thanksMedia.open(media, gift.thanks?.mediaUploadId ?? null);
    if (!file) throw new ApiError('not_found', 'The thanks picture or clip is missing on the platform');
    return { mimeType: media.mimeType, ...file };
  }

  /** The auto-convert job: converts the gift if nobody claimed it meanwhile (then it is a no-op). */
  async autoConvert(giftId: string, trx: Trx, now: number): Promise<void> {
    await this.convertIn(trx, giftId, now);
  }

  private async unlockIn(trx: Trx, gift: GiftRecord): Promise<UnlockResponse> {
    const at = this.deps.now();
    const claimed = await this.deps.gifts.claim(trx, gift.id, 'unlocked', at);
    if (!claimed) throw new ApiError('gift_claimed', 'This gift was already unlocked or converted');
    await this.deps.ledger.capture(trx, claimed.holdId!, { toUserId: claimed.streamerId, cutBps: BASIS_POINTS });
    await this.deps.jobs.cancel(AUTO_CONVERT_JOB, claimed.id, trx);
    const expiresAt = at + this.policy.codeValidMs;
    const code = await this.deps.codes.issue(trx, { giftId: claimed.id, prefix: claimed.codePrefix!, item: claimed.item!, expiresAt });
    await this.publishState(trx, claimed, at);
    return { code, item: claimed.item!, expiresAt };
  }

  /** Converts if still unclaimed; null when another claim won. */
  private async convertIn(trx: Trx, giftId: string, at: number): Promise<ConvertResponse | null> {
    const claimed = await this.deps.gifts.claim(trx, giftId, 'converted', at);
    if (!claimed) return null;
    await this.deps.ledger.capture(trx, claimed.holdId!, { toUserId: claimed.streamerId, cutBps: this.policy.cutBps });
    await this.deps.jobs.cancel(AUTO_CONVERT_JOB, claimed.id, trx);
    await this.publishState(trx, claimed, at);
    return convertSplit(claimed.coinPrice, this.policy.cutBps);
  }

  private checkClaim(gift: GiftRecord, action: 'unlock' | 'convert'): void {
    const step = claim(gift.state, action, gift.coinPrice === 0);
    if (!step.ok) throw new ApiError(gift.coinPrice === 0 ? 'bad_request' : 'gift_claimed', step.reason);
  }

  /** The gift, if the caller is its streamer: 404 for strangers, 403 for its sender. */
  private async ownGift(callerId: string, giftId: string): Promise<GiftRecord> {
    const gift = await this.deps.gifts.byId(giftId);
    if (!gift || (gift.streamerId !== callerId && gift.sender.id !== callerId)) throw new ApiError('not_found', 'No such gift');
    if (gift.streamerId !== callerId) throw new ApiError('forbidden', 'Only the streamer who received this gift can do that');
    return gift;
  }

  private async replayOf(senderId: string, key: string, fingerprint: string): Promise<GiftRecord | null> {
    const existing = await this.deps.gifts.byKey(senderId, key);
    if (!existing) return null;
    if (existing.fingerprint !== fingerprint) throw new ApiError('idempotency_conflict', 'This idempotency key was already used for a different gift');
    return existing;
  }

  private async publishState(trx: Trx, gift: GiftRecord, at: number): Promise<void> {
    const view = sentView(gift);
    await this.deps.events.publish(trx, { topic: `user:${gift.sender.id}`, type: GIFT_EVENTS.state, data: { giftId: gift.id, state: view.state, claim: view.claim, thanks: view.thanks, at }, at });
  }
}
