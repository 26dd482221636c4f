import type { LiveState } from '@shared/ipc/nouns/live';
import { StudioFailure } from '@shared/ipc/result';
import type { EventEnvelope } from '@shared/protocol/events';
import { API_PREFIX } from '@shared/protocol/index';
import { GIFT_EVENTS, giftRoutes, ReceivedGift, type ConvertResponse, type Redemption, type UnlockResponse } from '@shared/protocol/gifts';
import { leaderboardRoutes, type Leaderboard } from '@shared/protocol/leaderboards';
import { ROOM_EVENTS, roomRoutes, type Room } from '@shared/protocol/rooms';
import { walletRoutes, type Wallet } from '@shared/protocol/wallet';
import type { RouteSpec } from '@shared/protocol/routes';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../logger';
import type { AccountState } from '../sync/account-client';
import type { BackoffPolicy } from '../sync/backoff';
import { asFailure } from '../sync/platform-failure';
import { callSpec, PlatformError, type Out, type SpecInput } from '../sync/platform-http';
import { PlatformEventsClient } from '../sync/platform-events-client';
import type { ThanksClips } from './thanks-clip';

/** What the service needs of the platform account (PlatformAccountClient): the token stays main-side. */
export interface LiveAccount {
  token(): string | null;
  state(): AccountState;
  onChange(listener: (state: AccountState) => void): () => void;
}

export interface LiveServiceOptions {
  /** The platform's origin; null when none could be started or configured. */
  readonly platformUrl: string | null;
  readonly account: LiveAccount;
  /** Resolves once the stored session has been read. */
  readonly ready: Promise<void>;
  readonly onState: (state: LiveState) => void;
  readonly onGift: (gift: ReceivedGift) => void;
  readonly logger: Logger;
  /** Reconnect delays of the live sockets (tests shorten them). */
  readonly backoff?: BackoffPolicy;
  /** Makes a take postable as a thanks clip; without it a clip is refused. */
  readonly clips?: Pick<ThanksClips, 'prepare'>;
}

export interface ThanksWith {
  readonly text?: string | undefined;
  readonly picture?: { readonly bytes: Uint8Array; readonly filename: string } | undefined;
  /** A take recorded on the Live page (its draft), sent as the platform's MP4. */
  readonly clip?: { readonly draftId: string } | undefined;
}

/**
 * The streamer's live room: opening and closing it, the gift inbox and its actions (unlock,
 * convert, redeem, thanks), the room's leaderboard and the diamond wallet, all through the
 * platform with the studio's session. Gifts come live on the account's `user:<id>` topic and the
 * room's presence on `room:<id>`, each over a PlatformEventsClient that reconnects with backoff and
 * resumes from its last event id; a gift id already relayed is never relayed again.
 */
export class LiveService {
  private gifts: PlatformEventsClient | null = null;
  private roomEvents: PlatformEventsClient | null = null;
  private userId: string | null = null;
  private room: Room | null = null;
  private connected = false;
  private readonly relayed = new Set<string>();
  private stopAccount: (() => void) | null = null;
  private closed = false;

  constructor(private readonly options: Readonly<LiveServiceOptions>) {}

  start(): void {
    if (!this.options.platformUrl) return;
    void this.options.ready.then(() => {
      if (this.closed) return;
      this.follow(this.options.account.state());
      this.stopAccount = this.options.account.onChange((state) => this.follow(state));
    });
  }

  close(): void {
    this.closed = true;
    this.stopAccount?.();
    this.stopSockets();
  }

  state(): LiveState {
    return { room: this.room, connected: this.connected };
  }

  async goLive(title: string, timeZone: string): Promise<LiveState> {
    const room = await this.call(roomRoutes.openRoom, 'openRoom', { body: { title, timeZone } });
    this.setRoom(room);
    return this.state();
  }

  async end(roomId: string): Promise<LiveState> {
    const room = await this.call(roomRoutes.closeRoom, 'closeRoom', { params: { id: roomId } });
    if (this.room?.id === room.id) this.setRoom(null);
    return this.state();
  }

  async inbox(): Promise<{ gifts: ReceivedGift[] }> {
    return this.call(giftRoutes.receivedGifts, 'receivedGifts');
  }

  async seen(giftId: string): Promise<ReceivedGift> {
    // The platform answers the streamer's view (ReceivedGift) though the route table names SentGift.
    await this.call(giftRoutes.receipt, 'receipt', { params: { id: giftId }, body: { state: 'seen' } });
    return this.received(giftId);
  }

  unlock(giftId: string): Promise<UnlockResponse> {
    return this.call(giftRoutes.unlock, 'unlock', { params: { id: giftId } });
  }

  convert(giftId: string): Promise<ConvertResponse> {
    return this.call(giftRoutes.convert, 'convert', { params: { id: giftId } });
  }

  redeem(giftId: string): Promise<Redemption> {
    return this.call(giftRoutes.redeem, 'redeem', { params: { id: giftId } });
  }

  async thank(giftId: string, thanks: ThanksWith): Promise<ReceivedGift> {
    const mediaUploadId = thanks.clip ? await this.uploadClip(thanks.clip.draftId) : thanks.picture ? await this.uploadPicture(thanks.picture.bytes, thanks.picture.filename) : undefined;
    await this.call(giftRoutes.thanks, 'thanks', {
      params: { id: giftId },
      body: { ...(thanks.text === undefined ? {} : { text: thanks.text }), ...(mediaUploadId === undefined ? {} : { mediaUploadId }) },
    });
    return this.received(giftId);
  }

  leaderboard(roomId: string): Promise<Leaderboard> {
    return this.call(leaderboardRoutes.roomLeaderboard, 'roomLeaderboard', { params: { id: roomId }, query: {} });
  }

  wallet(): Promise<Wallet> {
    return this.call(walletRoutes.wallet, 'wallet');
  }

  /** The gift as its streamer sees it (GET /gifts/:id answers the streamer's view to the streamer). */
  private async received(giftId: string): Promise<ReceivedGift> {
    const token = this.requireToken();
    const response = await this.fetchPlatform(`/gifts/${encodeURIComponent(giftId)}`, { headers: { authorization: `Bearer ${token}` } });
    const parsed = ReceivedGift.safeParse(await response.json());
    if (!parsed.success) throw new StudioFailure('internal', { key: 'live.giftAnswerInvalid' });
    return parsed.data;
  }

  /**
   * The clip made postable (encoded once, kept beside the take) and uploaded. A failed upload leaves
   * both the take and the encoded clip in place, so sending again retries with the same file.
   */
  private async uploadClip(draftId: string): Promise<string> {
    if (!this.options.clips) throw new StudioFailure('unsupported', { key: 'live.clipNeedsFfmpeg' });
    this.requireToken();
    const clip = await this.options.clips.prepare(draftId);
    const bytes = await readFile(clip.file);
    try {
      return await this.uploadPicture(bytes, 'thanks-clip.mp4');
    } catch (error) {
      const failure = error instanceof StudioFailure ? error : null;
      throw new StudioFailure(failure?.code ?? 'unavailable', { key: 'live.clipUploadFailed', params: { reason: error instanceof Error ? error.message : String(error) } });
    }
  }

  /** One small picture or clip through the platform's tus endpoint: create with its length, one PATCH. */
  private async uploadPicture(bytes: Uint8Array, filename: string): Promise<string> {
    const token = this.requireToken();
    const tus = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
    const created = await this.fetchPlatform('/uploads', {
      method: 'POST',
      headers: { ...tus, 'upload-length': String(bytes.byteLength), 'upload-metadata': `filename ${Buffer.from(filename).toString('base64')}` },
    });
    const location = created.headers.get('location');
    if (!location) throw new StudioFailure('internal', { key: 'live.noUploadLocation' });
    const target = new URL(location, this.options.platformUrl!);
    const patched = await this.fetchRaw(target, {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes.slice(),
    });
    if (patched.status !== 204) throw new StudioFailure('unavailable', { key: 'live.pictureRefused', params: { status: patched.status } });
    return target.pathname.split('/').at(-1)!;
  }

  private async fetchPlatform(path: string, init: RequestInit): Promise<Response> {
    return this.fetchRaw(new URL(API_PREFIX + path, this.options.platformUrl!), init);
  }

  private async fetchRaw(url: URL, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    } catch {
      throw new StudioFailure('unavailable', { key: 'platform.offline' });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw asFailure(new PlatformError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `The platform answered ${response.status}`));
    }
    return response;
  }

  /** One gifts socket per signed-in account; none while signed out. The open room is looked up again. */
  private follow(state: AccountState): void {
    const userId = state.signedIn ? state.user.id : null;
    if (userId === this.userId && (this.gifts !== null) === (userId !== null)) return;
    this.stopSockets();
    this.userId = userId;
    this.room = null;
    this.relayed.clear();
    this.emit();
    if (!userId || this.closed) return;
    this.gifts = new PlatformEventsClient({
      platformUrl: () => this.options.platformUrl!,
      token: () => this.options.account.token(),
      topics: (signedInAs) => (signedInAs === userId ? [`user:${userId}`] : []),
      onEvent: () => undefined,
      onEnvelope: (envelope) => this.onUserEvent(userId, envelope),
      onConnected: () => this.setConnected(true),
      onDisconnected: () => this.setConnected(false),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      logger: this.options.logger.child('gift-events'),
    });
    this.gifts.start();
    void this.findOpenRoom(userId);
  }

  /** After a restart of the studio, the room left open on the platform is live again here. */
  private async findOpenRoom(userId: string): Promise<void> {
    try {
      const { rooms } = await this.call(roomRoutes.listRooms, 'listRooms', { query: { live: 'true', limit: 100 } });
      const mine = rooms.find((r) => r.streamer.id === userId) ?? null;
      if (mine && this.userId === userId && !this.room) this.setRoom(mine);
    } catch (error) {
      this.options.logger.warn('could not look up an open room', { error });
    }
  }

  private onUserEvent(userId: string, envelope: EventEnvelope): void {
    if (envelope.topic !== `user:${userId}` || envelope.type !== GIFT_EVENTS.received) return;
    const parsed = ReceivedGift.safeParse(envelope.data);
    if (!parsed.success) return this.options.logger.warn('ignored a gift event that does not match the protocol', { id: envelope.id });
    const gift = parsed.data;
    if (this.relayed.has(gift.id)) return;
    this.relayed.add(gift.id);
    this.options.onGift(gift);
    // The sender sees "delivered to the streamer" once the studio has it.
    void this.call(giftRoutes.receipt, 'receipt', { params: { id: gift.id }, body: { state: 'delivered' } }).catch((error: unknown) =>
      this.options.logger.warn('delivery receipt failed', { error, giftId: gift.id }),
    );
  }

  private setRoom(room: Room | null): void {
    const before = this.room?.id ?? null;
    this.room = room && room.state === 'open' ? room : null;
    if ((this.room?.id ?? null) !== before) {
      this.roomEvents?.stop();
      this.roomEvents = null;
      if (this.room) this.followRoom(this.room.id);
    }
    this.emit();
  }

  /** Presence and closing on `room:<id>`; on each (re)connection the room itself is read again. */
  private followRoom(roomId: string): void {
    this.roomEvents = new PlatformEventsClient({
      platformUrl: () => this.options.platformUrl!,
      token: () => this.options.account.token(),
      topics: () => [`room:${roomId}`],
      onEvent: () => undefined,
      onEnvelope: (envelope) => {
        if (envelope.topic !== `room:${roomId}` || this.room?.id !== roomId) return;
        if (envelope.type === ROOM_EVENTS.presence && typeof envelope.data.viewers === 'number') {
          this.room = { ...this.room, viewers: envelope.data.viewers };
          this.emit();
        } else if (envelope.type === ROOM_EVENTS.closed) this.setRoom(null);
      },
      onConnected: () => void this.refreshRoom(roomId),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      logger: this.options.logger.child('room-events'),
    });
    this.roomEvents.start();
  }

  private async refreshRoom(roomId: string): Promise<void> {
    try {
      const room = await this.call(roomRoutes.getRoom, 'getRoom', { params: { id: roomId } });
      if (this.room?.id === roomId) this.setRoom(room);
    } catch (error) {
      this.options.logger.warn('could not read the room again', { error, roomId });
    }
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.emit();
  }

  private emit(): void {
    this.options.onState(this.state());
  }

  private stopSockets(): void {
    this.gifts?.stop();
    this.gifts = null;
    this.roomEvents?.stop();
    this.roomEvents = null;
    this.connected = false;
  }

  private requireToken(): string {
    if (!this.options.platformUrl) throw new StudioFailure('unavailable', { key: 'platform.notConfigured' });
    const token = this.options.account.token();
    if (!token) throw new StudioFailure('unauthorized', { key: 'live.signIn' });
    return token;
  }

  private async call<S extends RouteSpec>(spec: S, name: string, input: SpecInput<S> = {}): Promise<Out<S>> {
    const token = this.requireToken();
    try {
      return await callSpec({ baseUrl: this.options.platformUrl!, token: () => token }, spec, name, input);
    } catch (error) {
      throw asFailure(error);
    }
  }
}
