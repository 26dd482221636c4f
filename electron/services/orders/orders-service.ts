import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DraftId } from '@shared/domain/ids';
import type { DeliveryView, OrderChanged, OrdersSummary } from '@shared/ipc/nouns/orders';
import { StudioFailure } from '@shared/ipc/result';
import type { EventEnvelope } from '@shared/protocol/events';
import { UPLOADS_PATH } from '@shared/protocol/index';
import { OrderId, OrderState, orderRoutes, type CustomizationStatus, type ExitResponse, type ListOrdersQuery, type Order, type OrderPage } from '@shared/protocol/orders';
import type { Logger } from '../logger';
import type { AccountState } from '../sync/account-client';
import { asFailure } from '../sync/platform-failure';
import { callSpec, type Out, type SpecInput } from '../sync/platform-http';
import type { DeliverJob, OutboxJob } from '../sync/post-job';
import { PlatformEventsClient } from '../sync/platform-events-client';
import { DEFAULT_CHUNK_SIZE, type UploadProgress } from '../sync/sync-service';
import { startTusUpload } from '../sync/tus-upload';

type Routes = typeof orderRoutes;

/** What the service needs of the platform account (PlatformAccountClient): the token stays main-side. */
export interface OrdersAccount {
  token(): string | null;
  state(): AccountState;
  onChange(listener: (state: AccountState) => void): () => void;
}

/** What the service needs of the studio's outbox (SyncService): deliveries share the post jobs' upload, retries and restarts. */
export interface DeliveryOutbox {
  enqueueDelivery(input: Readonly<{ filePath: string; orderId: string; draftId?: string | null }>): DeliverJob;
  deliveryFor(orderId: string): DeliverJob | null;
  onChange(listener: (job: OutboxJob, progress: UploadProgress | null) => void): () => void;
}

export interface OrdersServiceOptions {
  readonly platformUrl: string | null;
  readonly account: OrdersAccount;
  /** Resolves once the stored session has been read. */
  readonly ready: Promise<void>;
  /** The file to upload for a video draft (its exported MP4): PostingSource.uploadFile. */
  readonly draftFile: (draftId: DraftId) => string;
  readonly onChanged: (event: OrderChanged) => void;
  readonly outbox: DeliveryOutbox;
  readonly onDelivery: (delivery: DeliveryView) => void;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** The data of the platform's `order.*` events (platform/features/orders/notices.ts). */
const OrderEventData = z.object({ orderId: OrderId, state: OrderState, change: z.string().max(40), requesterId: z.string(), creatorId: z.string() });

/**
 * The studio account's custom-video service and the orders it receives, on the platform: the
 * routes for the Requests page, the intro upload (tus, like a post's), and the account's
 * `user:<id>` topic over the platform's events socket, relayed as `orders.changed`. No polling.
 */
export class OrdersService {
  private events: PlatformEventsClient | null = null;
  private userId: string | null = null;
  private stopAccount: (() => void) | null = null;
  private closed = false;
  private readonly now: () => number;
  /** Upload progress per delivery job in this process (the outbox stores only confirmed bytes). */
  private readonly progress = new Map<string, UploadProgress>();
  private readonly stopOutbox: () => void;

  constructor(private readonly options: Readonly<OrdersServiceOptions>) {
    this.now = options.now ?? Date.now;
    this.stopOutbox = options.outbox.onChange((job, progress) => {
      if (job.kind !== 'deliver-order') return;
      if (progress) this.progress.set(job.id, progress);
      options.onDelivery(this.deliveryView(job));
    });
  }

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
    this.stopOutbox();
    this.stopAccount?.();
    this.events?.stop();
    this.events = null;
  }

  customization(): Promise<CustomizationStatus> {
    return this.call('getCustomization');
  }

  /** Saves the service's draft; a draft video given as the intro is uploaded first. The saved intro is kept otherwise. */
  async save(input: Readonly<{ priceCoins: number; description: string; maxOpenOrders?: number; introDraftId?: DraftId }>): Promise<CustomizationStatus> {
    const current = await this.customization();
    const introUploadId = input.introDraftId ? await this.uploadIntro(input.introDraftId) : (current.draft?.introUploadId ?? current.published?.introUploadId);
    return this.call('putCustomization', {
      body: {
        priceCoins: input.priceCoins,
        description: input.description,
        ...(introUploadId ? { introUploadId } : {}),
        ...(input.maxOpenOrders !== undefined ? { maxOpenOrders: input.maxOpenOrders } : {}),
      },
    });
  }

  publish(): Promise<CustomizationStatus> {
    return this.call('publishCustomization');
  }

  /** The switch: the platform's PUT carries the content too, so the current draft (or what is published) goes with it unchanged. */
  async setReceiving(receiving: boolean): Promise<CustomizationStatus> {
    const current = await this.customization();
    const content = current.draft ?? current.published;
    if (!content) throw new StudioFailure('conflict', { key: 'orders.serviceFirst' });
    const { receiving: _was, ...rest } = content;
    return this.call('putCustomization', { body: { ...rest, receiving } });
  }

  exit(confirmOpenOrders: boolean): Promise<ExitResponse> {
    return this.call('exitCustomization', { body: { confirmOpenOrders } });
  }

  list(query: Readonly<{ state?: ListOrdersQuery['state']; cursor?: string }>): Promise<OrderPage> {
    return this.call('listOrders', { query: { role: 'creator', ...(query.state ? { state: query.state } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) } });
  }

  get(orderId: string): Promise<Order> {
    return this.call('getOrder', { params: { id: orderId } });
  }

  accept(orderId: string): Promise<Order> {
    return this.call('acceptOrder', { params: { id: orderId } });
  }

  refuse(orderId: string, reason: string): Promise<Order> {
    return this.call('refuseOrder', { params: { id: orderId }, body: { reason } });
  }

  /** Income (from the platform's ledger) and the badge's count, "this month" starting at the studio's local month start. */
  async summary(): Promise<OrdersSummary> {
    const income = await this.call('orderIncome', { query: { since: startOfMonth(this.now()) } });
    return { totalDiamonds: income.totalDiamonds, monthDiamonds: income.sinceDiamonds, escrowCoins: income.escrowCoins, pendingCount: income.pendingCount };
  }

  /**
   * Send: queues the draft's exported MP4 as the order's delivery in the outbox. An order that is
   * not (or no longer) accepted is refused at once when the platform answers; offline, the delivery
   * waits in the outbox like a post and the platform decides when it goes out.
   */
  async send(orderId: string, draftId: DraftId): Promise<DeliveryView> {
    const filePath = this.options.draftFile(draftId);
    try {
      const order = await this.get(orderId);
      if (order.state !== 'accepted') throw new StudioFailure('conflict', { key: order.state === 'delivered' ? 'orders.alreadySent' : 'orders.onlyAccepted' });
    } catch (error) {
      if (!(error instanceof StudioFailure && error.code === 'unavailable')) throw error;
    }
    return this.deliveryView(this.options.outbox.enqueueDelivery({ filePath, orderId, draftId }));
  }

  delivery(orderId: string): DeliveryView | null {
    const job = this.options.outbox.deliveryFor(orderId);
    return job ? this.deliveryView(job) : null;
  }

  private deliveryView(job: DeliverJob): DeliveryView {
    const p = this.progress.get(job.id);
    return {
      jobId: job.id,
      orderId: OrderId.parse(job.request.orderId),
      draftId: (job.draftId as DraftId | null) ?? null,
      state: job.state,
      sentBytes: job.state === 'done' ? job.fileSize : Math.max(job.uploadedBytes, p?.sentBytes ?? 0),
      totalBytes: job.fileSize,
      lastError: job.lastError,
      nextAttemptAt: job.nextAttemptAt,
      updatedAt: job.updatedAt,
    };
  }

  /** One tus upload of the draft's platform MP4; returns the platform's upload id for the intro. */
  private async uploadIntro(draftId: DraftId): Promise<string> {
    const base = this.platformUrl();
    const token = this.token();
    const filePath = this.options.draftFile(draftId);
    let uploadUrl: string | null = null;
    const run = startTusUpload({
      endpoint: new URL(UPLOADS_PATH, base).toString(),
      uploadUrl: null,
      filePath,
      fileSize: statSync(filePath).size,
      token,
      chunkSize: DEFAULT_CHUNK_SIZE,
      metadata: { filename: path.basename(filePath) },
      onUrl: (url) => (uploadUrl = url),
      onAccepted: () => undefined,
      onProgress: () => undefined,
      onStartOffset: () => undefined,
    });
    try {
      await run.done;
    } catch (error) {
      this.options.logger.warn('intro upload failed', { error });
      throw new StudioFailure('unavailable', { key: 'orders.introNotUploaded', params: { reason: error instanceof Error ? error.message : String(error) } });
    }
    if (!uploadUrl) throw new StudioFailure('internal', { key: 'orders.introUnnamed' });
    return new URL(uploadUrl).pathname.split('/').at(-1)!;
  }

  /** One events socket per signed-in account; none while signed out. */
  private follow(state: AccountState): void {
    const userId = state.signedIn ? state.user.id : null;
    if (userId === this.userId && (this.events !== null) === (userId !== null)) return;
    this.events?.stop();
    this.events = null;
    this.userId = userId;
    if (!userId || this.closed) return;
    this.events = new PlatformEventsClient({
      platformUrl: () => this.options.platformUrl!,
      token: () => this.options.account.token(),
      topics: (signedInAs) => (signedInAs === userId ? [`user:${userId}`] : []),
      onEvent: () => undefined,
      onEnvelope: (envelope) => this.onEnvelope(userId, envelope),
      logger: this.options.logger.child('order-events'),
    });
    this.events.start();
  }

  private onEnvelope(userId: string, envelope: EventEnvelope): void {
    if (envelope.topic !== `user:${userId}` || !envelope.type.startsWith('order.')) return;
    const parsed = OrderEventData.safeParse(envelope.data);
    if (!parsed.success) return this.options.logger.warn('ignored an order event that does not match the protocol', { id: envelope.id });
    const { orderId, state, change, creatorId } = parsed.data;
    this.options.onChanged({ orderId, state, change, asCreator: creatorId === userId });
  }

  private platformUrl(): string {
    if (!this.options.platformUrl) throw new StudioFailure('unavailable', { key: 'platform.notConfigured' });
    return this.options.platformUrl;
  }

  private token(): string {
    const token = this.options.account.token();
    if (!token) throw new StudioFailure('unauthorized', { key: 'orders.signIn' });
    return token;
  }

  private async call<N extends keyof Routes>(name: N, input: SpecInput<Routes[N]> = {}): Promise<Out<Routes[N]>> {
    const baseUrl = this.platformUrl();
    const token = this.token();
    try {
      return await callSpec({ baseUrl, token: () => token }, orderRoutes[name], name, input);
    } catch (error) {
      throw asFailure(error);
    }
  }
}

/** Midnight on the first of `now`'s month, in the studio's local time. */
export function startOfMonth(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}
