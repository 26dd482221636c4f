import { checkContent, decideService, mayOrder, type CustomizationContent, type ServiceAction, type ServiceStatus } from '@shared/domain/orders/customization';
import { CUSTOMIZATION_EVENT_TYPE, type CreatorPage, type CustomizationInput, type CustomizationStatus } from '@shared/protocol/orders';
import { ApiError } from '../../kernel/http/api-error';
import type { EventLog } from '../../kernel/events/event-log';
import type { MediaStorage } from '../../kernel/storage/media-storage';
import type { OwnedUploads } from '../uploads/service';
import type { CustomizationRecord, OrderRecord, OrdersRepository } from './repository';
import type { OrdersExecutor } from './schema';
import type { OrdersService, OrderUsers } from './service';

export const LATEST_COMMENTS = 10;

/**
 * A creator's custom-video service: the draft they edit (PUT), publishing it (what viewers see
 * changes at once and is pushed), the receiving switch, and exiting. Exiting with open orders needs
 * a second confirmation; those orders stay acceptable and deliverable until their own deadlines,
 * and no new ones can be placed.
 */
export class CustomizationService {
  constructor(
    private readonly deps: Readonly<{
      repo: OrdersRepository;
      orders: Pick<OrdersService, 'expireDue' | 'checkMp4'>;
      transaction: <T>(work: (trx: OrdersExecutor) => Promise<T>) => Promise<T>;
      events: Pick<EventLog, 'publish'>;
      uploads: Pick<OwnedUploads, 'readOwned' | 'forget'>;
      storage: MediaStorage;
      users: OrderUsers;
      now: () => number;
    }>,
  ) {}

  async status(creatorId: string): Promise<CustomizationStatus> {
    const record = await this.deps.repo.customization(creatorId);
    const openOrders = record ? await this.openOrders(creatorId) : [];
    return toStatus(record, openOrders.length);
  }

  /** Saves the draft; `receiving`, when given on a published service, switches at once and is pushed. */
  async save(creatorId: string, input: CustomizationInput): Promise<CustomizationStatus> {
    const content = checkContent(input);
    if (!content.ok) throw new ApiError('validation_failed', content.problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
    // An intro must be the creator's own finished upload (checked now, moved in at publish).
    if (content.value.introUploadId)
      await this.deps.uploads.readOwned(content.value.introUploadId, creatorId as never).catch((error: unknown) => this.introStillStored(creatorId, content.value.introUploadId!, error));
    await this.deps.transaction(async (trx) => {
      const current = await this.deps.repo.customization(creatorId, trx, { lock: true });
      let status = this.decide(statusOf(current), 'save');
      if (input.receiving !== undefined && status.state === 'published' && input.receiving !== status.receiving) status = this.decide(status, input.receiving ? 'receive_on' : 'receive_off');
      const next: CustomizationRecord = {
        creatorId,
        state: status.state as CustomizationRecord['state'],
        receiving: status.receiving,
        draft: content.value,
        published: current?.published ?? null,
        publishedAt: current?.publishedAt ?? null,
        introKey: current?.introKey ?? null,
      };
      await this.deps.repo.saveCustomization(next, this.deps.now(), trx);
      if (current && current.receiving !== next.receiving) await this.push(trx, next);
    });
    return this.status(creatorId);
  }

  async publish(creatorId: string): Promise<CustomizationStatus> {
    const current = await this.deps.repo.customization(creatorId);
    if (!current) throw new ApiError('invalid_state', 'Save the service before publishing it');
    const introUploadId = current.draft.introUploadId;
    let introKey = current.introKey;
    const wanted = introUploadId ? introKeyOf(creatorId, introUploadId) : null;
    if (wanted && wanted !== introKey) {
      if (!(await this.deps.storage.stat(wanted))) {
        const upload = await this.deps.uploads.readOwned(introUploadId!, creatorId as never);
        await this.deps.orders.checkMp4(upload.file);
        await this.deps.storage.put(wanted, upload.file);
        await upload.forget();
      }
      introKey = wanted;
    }
    await this.deps.transaction(async (trx) => {
      const locked = (await this.deps.repo.customization(creatorId, trx, { lock: true }))!;
      const status = this.decide(statusOf(locked), 'publish');
      const next: CustomizationRecord = { ...locked, state: 'published', receiving: status.receiving, published: locked.draft, publishedAt: this.deps.now(), introKey: wanted ? introKey : null };
      await this.deps.repo.saveCustomization(next, this.deps.now(), trx);
      await this.push(trx, next);
    });
    return this.status(creatorId);
  }

  async exit(creatorId: string, confirmOpenOrders: boolean): Promise<{ exited: boolean; openOrders: OrderRecord[]; customization: CustomizationStatus }> {
    const open = await this.openOrders(creatorId);
    if (open.length > 0 && !confirmOpenOrders) return { exited: false, openOrders: open, customization: await this.status(creatorId) };
    await this.deps.transaction(async (trx) => {
      const current = await this.deps.repo.customization(creatorId, trx, { lock: true });
      const status = this.decide(statusOf(current), 'exit');
      const next: CustomizationRecord = { ...current!, state: status.state as CustomizationRecord['state'], receiving: status.receiving };
      await this.deps.repo.saveCustomization(next, this.deps.now(), trx);
      await this.push(trx, next);
    });
    return { exited: true, openOrders: open, customization: await this.status(creatorId) };
  }

  /** The creator's public page: profile, the published service, rating and the latest comments. */
  async page(handle: string, viewerId: string | null): Promise<CreatorPage> {
    const found = await this.deps.users.byHandle(handle);
    if (!found) throw new ApiError('not_found', `No creator @${handle}`);
    const { user } = found;
    const record = await this.deps.repo.customization(user.id);
    const published = record?.published ?? null;
    const open = published ? await this.deps.repo.countOpenForCreator(user.id) : 0;
    const allowed = mayOrder(statusOf(record), published?.maxOpenOrders, open, viewerId === user.id);
    const comments = await this.deps.repo.latestComments(user.id, LATEST_COMMENTS);
    const authors = new Map<string, string>();
    for (const c of comments) if (!c.anonymous && !authors.has(c.requesterId)) authors.set(c.requesterId, (await this.deps.users.byId(c.requesterId))?.handle ?? 'deleted');
    return {
      creator: { id: user.id, handle: user.handle, displayName: user.displayName },
      customization:
        published && record ? { ...published, receiving: record.receiving, state: record.state, introPath: record.introKey ? `/creators/${encodeURIComponent(user.handle)}/intro` : null } : null,
      notOrderableReason: allowed.ok ? null : allowed.reason,
      rating: await this.deps.repo.rating(user.id),
      comments: comments.map((c) => ({
        ...(c.stars === null ? {} : { stars: c.stars }),
        ...(c.text === null ? {} : { text: c.text }),
        author: c.anonymous ? null : (authors.get(c.requesterId) ?? null),
        at: c.at,
      })),
    };
  }

  async introKey(handle: string): Promise<string> {
    const found = await this.deps.users.byHandle(handle);
    const record = found ? await this.deps.repo.customization(found.user.id) : null;
    if (!record?.introKey || !record.published) throw new ApiError('not_found', 'This creator has no introduction video');
    return record.introKey;
  }

  private async openOrders(creatorId: string): Promise<OrderRecord[]> {
    // Due expiries first, so an order past its deadline is not listed as open.
    await this.deps.orders.expireDue(creatorId);
    return this.deps.repo.openForCreator(creatorId);
  }

  private decide(status: ServiceStatus, action: ServiceAction): ServiceStatus {
    const decision = decideService(status, action);
    if (!decision.ok) throw new ApiError('invalid_state', decision.reason);
    return decision.next;
  }

  /** "Re-publishing updates what viewers see at once": open intro pages and order forms listen on `public`. */
  private async push(trx: OrdersExecutor, record: CustomizationRecord): Promise<void> {
    const user = await this.deps.users.byId(record.creatorId, trx);
    await this.deps.events.publish(trx, {
      topic: 'public',
      type: CUSTOMIZATION_EVENT_TYPE,
      data: {
        creatorId: record.creatorId,
        handle: user?.handle ?? null,
        state: record.state,
        receiving: record.receiving,
        priceCoins: record.published?.priceCoins ?? null,
        publishedAt: record.publishedAt,
      },
    });
  }

  /** An intro upload already moved in at an earlier publish is fine; anything else is the upload's refusal. */
  private async introStillStored(creatorId: string, uploadId: string, error: unknown): Promise<void> {
    if (await this.deps.storage.stat(introKeyOf(creatorId, uploadId))) return;
    throw error;
  }
}

export function introKeyOf(creatorId: string, uploadId: string): string {
  return `intros/${creatorId}-${uploadId}.mp4`;
}

function statusOf(record: CustomizationRecord | null): ServiceStatus {
  return record ? { state: record.state, receiving: record.receiving } : { state: 'never', receiving: false };
}

function toStatus(record: CustomizationRecord | null, openOrders: number): CustomizationStatus {
  const withReceiving = (c: CustomizationContent | null) => (c && record ? { ...c, receiving: record.receiving } : null);
  return {
    state: record?.state ?? 'never',
    receiving: record?.receiving ?? false,
    draft: withReceiving(record?.draft ?? null),
    published: withReceiving(record?.published ?? null),
    publishedAt: record?.publishedAt ?? null,
    openOrders,
  };
}
