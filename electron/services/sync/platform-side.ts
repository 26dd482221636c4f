import path from 'node:path';
import type Database from 'better-sqlite3';
import type { StudioEvents } from '@shared/ipc/contract';
import type { AccountView } from '@shared/ipc/nouns/account';
import type { NoticeText } from '@shared/ipc/nouns/app';
import type { PostJobView } from '@shared/ipc/nouns/sync';
import type { DraftsService } from '../drafts/drafts-service';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { BurnTools } from '../ffmpeg/sticker-burn';
import type { PlatformHandlerDeps } from './handlers';
import { PostingSource } from '../posting/posting-source';
import { PlatformAccountClient, type AccountState } from './account-client';
import { PlatformEventsClient } from './platform-events-client';
import type { PostJob } from './post-job';
import { FileSecretStore, type SecretStore } from './secret-store';
import { SyncService, type UploadProgress } from './sync-service';

export interface PlatformSideOptions {
  readonly db: Database.Database;
  readonly dataDir: string;
  /** The platform's origin; null when none could be started or configured. */
  readonly platformUrl: string | null;
  /** Electron injects an EncryptedFileSecretStore (safeStorage); default: a 0600 file in the data dir. */
  readonly secretStore?: SecretStore;
  readonly drafts: DraftsService;
  readonly bus: EventBus<StudioEvents>;
  readonly logger: Logger;
  readonly now: () => number;
  /** Shows a notice in the app bar (the platform signed the studio out): `message` in English, `text` as a string-table key for the user's language. */
  readonly notify?: (id: string, message: string, text?: NoticeText) => void;
  /** ffmpeg, for stickers burned into a post. */
  readonly tools?: () => Promise<BurnTools | null>;
  /** The desktop app's folder dialog, for "Save to disk". */
  readonly pickFolder?: (() => Promise<string | null>) | null;
}

export interface PlatformSide {
  readonly handlers: PlatformHandlerDeps;
  close(): Promise<void>;
}

/** The file the browser-hosted studio keeps its platform session in (0600), beside studio.db. */
export const SESSION_FILE = 'platform-session.json';

/**
 * Builds the studio's platform side: the account (token kept main-side), one SyncService over the
 * outbox, and the live events client that wakes the outbox when the platform comes back.
 */
export function createPlatformSide(options: Readonly<PlatformSideOptions>): PlatformSide {
  const { bus, logger, now } = options;
  // No platform: calls fail fast with "offline" and posts wait in the outbox for one.
  const platformUrl = (): string => options.platformUrl ?? 'http://127.0.0.1:9';
  const account = new PlatformAccountClient({ platformUrl, store: options.secretStore ?? new FileSecretStore(path.join(options.dataDir, SESSION_FILE)), now });
  const sync = new SyncService({ db: options.db, platformUrl, auth: account, now, logger: logger.child('sync') });
  const progress = new Map<string, UploadProgress>();

  const accountView = (state: AccountState): AccountView => ({
    signedIn: state.signedIn,
    user: state.signedIn ? { handle: state.user.handle, displayName: state.user.displayName } : null,
    reason: state.signedIn ? null : state.reason,
    platformUrl: options.platformUrl,
  });
  const jobView = (job: PostJob): PostJobView => {
    const target = job.request.anchors.find((a) => a.role === 'target') ?? null;
    const p = progress.get(job.id);
    return {
      id: job.id,
      state: job.state,
      draftId: job.draftId,
      title: job.request.title,
      target: target ? { itemId: target.itemId, attributeId: target.attributeId ?? null, label: target.label, x: target.x, y: target.y } : null,
      anchorCount: job.request.anchors.length,
      sentBytes: job.state === 'done' ? job.fileSize : Math.max(job.uploadedBytes, p?.sentBytes ?? 0),
      totalBytes: job.fileSize,
      videoId: job.videoId,
      lastError: job.lastError,
      nextAttemptAt: job.nextAttemptAt,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
    };
  };

  sync.onChange((job, p) => {
    if (p) progress.set(job.id, p);
    // Order deliveries share the outbox; their status is the orders noun's (electron/services/orders).
    if (job.kind !== 'post') return;
    bus.emit('sync.job', jobView(job));
  });
  account.onChange((state) => {
    bus.emit('account.changed', accountView(state));
    // A refused or expired token: say so wherever the user is, since posts now wait for a sign-in.
    if (!state.signedIn && state.reason)
      options.notify?.('platform-signed-out', `The platform signed you out (${state.reason}). Sign in again in Settings → Platform account; queued posts are kept.`, {
        key: 'platformSignedOut',
        values: { reason: state.reason },
      });
  });

  const events = options.platformUrl
    ? new PlatformEventsClient({ platformUrl, onEvent: (event) => bus.emit('discover.event', event), onConnected: () => sync.retryNow(), logger: logger.child('platform-events') })
    : null;

  let closed = false;
  // The stored session is read before the outbox starts, so a queued post does not flip to "needs sign-in" at launch.
  const ready = account
    .load()
    .catch((error: unknown) => logger.warn('stored platform session unreadable', { error }))
    .then(() => {
      if (closed) return;
      sync.start();
      events?.start();
    });

  return {
    handlers: { account, sync, accountView, jobView, posting: new PostingSource(options.drafts, options.tools), platformUrl: options.platformUrl, ready, pickFolder: options.pickFolder ?? null },
    close: async () => {
      closed = true;
      events?.stop();
      await sync.stop();
    },
  };
}
