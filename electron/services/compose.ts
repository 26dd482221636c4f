import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DraftId, TakeId } from '@shared/domain/ids';
import { contract, events, type AppInfo, type StudioEvents } from '@shared/ipc/contract';
import type { HandlersOf } from '@shared/ipc/define';
import { failureNote } from '@shared/ipc/failure-text';
import { createDispatch, type Dispatch } from '@shared/ipc/dispatch';
import type { Diagnostics } from '@shared/ipc/nouns/diagnostics';
import { appHandlers } from './app/handlers';
import { noticeRecoveredTakes } from './app/recovered-takes';
import { catalogHandlers } from './catalog/handlers';
import { CatalogService, locateCatalogFile } from './catalog/catalog-service';
import { openDatabase } from './db/open-database';
import { migrations } from './db/migrations';
import { DraftFiles } from './drafts/draft-files';
import { draftHandlers } from './drafts/handlers';
import { DraftsRepository } from './drafts/drafts-repository';
import { DraftsService } from './drafts/drafts-service';
import { EventBus } from './event-bus';
import { checkFfmpegPath, ffmpegWarning, locateFfmpeg, type FfmpegTools } from './ffmpeg/locate';
import type { Logger } from './logger';
import { NoticesService } from './notices-service';
import { liveHandlers } from './live/handlers';
import { lookPresetHandlers } from './looks/handlers';
import { LookPresetsRepository } from './looks/look-presets-repository';
import { LookPresetsService } from './looks/look-presets-service';
import { DestinationsStore } from './live-stream/destinations-store';
import { streamHandlers } from './live-stream/handlers';
import { LiveStreamService } from './live-stream/live-stream-service';
import { roomIngest } from './live-stream/room-ingest';
import { LiveService } from './live/live-service';
import { ThanksClips } from './live/thanks-clip';
import { MediaService } from './media/media-service';
import { messagesHandlers } from './messages/handlers';
import { MessagesService } from './messages/messages-service';
import { ordersHandlers } from './orders/handlers';
import { OrdersService } from './orders/orders-service';
import { RecordingService } from './recording/recording-service';
import { settingsHandlers } from './settings/handlers';
import { SettingsService } from './settings/settings-service';
import { platformHandlers } from './sync/handlers';
import { createPlatformSide } from './sync/platform-side';
import { FileSecretStore, type SecretStore } from './sync/secret-store';
import { DraftExports } from './takes/draft-exports';
import { takeHandlers } from './takes/handlers';
import { liveEncoding } from './takes/live-encoding';
import type { PreparedInput } from './media/prepared-export';
import { TakesService } from './takes/takes-service';

export interface StudioServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly pickMediaFile?: (() => Promise<string | null>) | null;
  /** The native folder dialog for "Save to disk"; absent in the browser-hosted studio (it downloads). Resolves null on cancel. */
  readonly pickFolder?: (() => Promise<string | null>) | null;
  /** The platform this studio talks to (see platform-connection.ts); null when none is reachable. */
  readonly platform?: { readonly url: string; readonly embedded: boolean } | null;
  /** Where the platform token is kept: Electron injects safeStorage encryption; default a 0600 file. */
  readonly secretStore?: SecretStore;
  /** Where custom live destinations' stream keys are kept: Electron injects safeStorage encryption; default a 0600 file. */
  readonly streamKeyStore?: SecretStore;
}

export interface StudioServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus<StudioEvents>;
  readonly draftFiles: DraftFiles;
  readonly db: Database.Database;
  close(): void;
}

/**
 * Builds every main-side service once and assembles the contract's handlers from each feature's
 * own handlers.ts (drafts, catalog, takes, settings, sync, app). Both composition roots (Electron
 * main and the browser-hosted studio) call this and only differ in the transport they put in front.
 */
export function composeStudio(options: StudioServicesOptions): StudioServices {
  const now = options.now ?? Date.now;
  const logger = options.logger;
  const bus = new EventBus<StudioEvents>();
  const notices = new NoticesService((notice) => bus.emit('app.notice', notice));

  const opened = openDatabase(path.join(options.dataDir, 'studio.db'), migrations, logger.child('db'), now);
  if (opened.movedAside) {
    notices.add(
      'db-moved-aside',
      'warning',
      `Your studio database could not be opened (${opened.movedAside.reason}). It was kept as ${path.basename(opened.movedAside.to)} and a fresh one was started.`,
      now(),
      { text: { key: 'dbMovedAside', values: { reason: opened.movedAside.reason, file: path.basename(opened.movedAside.to) } } },
    );
  }
  if (opened.readOnly) {
    notices.add(
      'db-read-only',
      'error',
      `Your studio database can only be read (${opened.readOnly.reason}): your drafts are shown, but nothing new can be saved. Fix the permissions of ${path.join(options.dataDir, 'studio.db')} and restart the studio.`,
      now(),
      { text: { key: 'dbReadOnly', values: { reason: opened.readOnly.reason, file: path.join(options.dataDir, 'studio.db') } } },
    );
  }

  // Located without blocking (each candidate is run with -version); jobs that need ffmpeg wait for it.
  let located: Promise<FfmpegTools | null> = Promise.resolve(null);
  const relocate = (setting: string | null): Promise<FfmpegTools | null> =>
    (located = locateFfmpeg({ setting }).then((found) => {
      if (found?.old) logger.warn('using an old ffmpeg', { version: found.version });
      return found;
    }));
  const settings = new SettingsService({
    db: opened.db,
    logger: logger.child('settings'),
    now,
    checkFfmpeg: async (file) => {
      const checked = await checkFfmpegPath(file);
      return checked.ok ? null : checked.text;
    },
    // A new ffmpeg path applies from the next job on.
    onChanged: (next) => void relocate(next.ffmpegPath),
  });
  const tools = (): Promise<FfmpegTools | null> => located;
  void relocate(settings.get().ffmpegPath);

  const media = new MediaService({ tools, logger, now, encoder: () => settings.encoder() });
  const draftFiles = new DraftFiles(options.dataDir);
  const drafts = new DraftsService({
    repository: new DraftsRepository(opened.db),
    files: draftFiles,
    media,
    logger: logger.child('drafts'),
    now,
    onChanged: (event) => bus.emit('drafts.changed', events['drafts.changed'].parse(event)),
  });

  const recordings = new RecordingService({
    logger,
    now,
    remux: (input, output) => media.remux(input, output),
    onFailed: (key, error) => bus.emit('recordings.failed', { takeId: key as TakeId, ...failureNote(error.text) }),
  });
  const exports = new DraftExports({
    drafts,
    media,
    logger,
    onProgress: (job) => bus.emit('media.exportProgress', job),
    exportMirrored: () => settings.get().exportMirrored,
    prepared: (id): Promise<PreparedInput | null> => takes.preparedFor(id),
  });
  const liveEncode = liveEncoding({ timing: () => settings.get().encodeTiming, encoder: () => settings.encoder(), exportMirrored: () => settings.get().exportMirrored, tools, logger, now });
  const takes = new TakesService({ drafts, recordings, media, exportDraft: (id) => exports.start(id), logger, now, liveEncode });
  exports.settleInterrupted();
  // Takes a crash left open are repaired in the background; each shows up in Drafts as recovered,
  // and the notice lists them.
  const unfinished = drafts.withStatus('recording').map((d) => d.id);
  void takes.recoverAtStart(draftFiles.root, located).then(
    () =>
      noticeRecoveredTakes(
        notices,
        unfinished.map((id) => drafts.find(id)),
        now(),
      ),
    (error: unknown) => logger.error('recovering unfinished takes failed', { error }),
  );

  const platform = createPlatformSide({
    db: opened.db,
    dataDir: options.dataDir,
    platformUrl: options.platform?.url ?? null,
    secretStore: options.secretStore,
    drafts,
    bus,
    logger,
    now,
    notify: (id, message, text) => notices.add(id, 'warning', message, now(), text ? { text } : {}),
    tools,
    pickFolder: options.pickFolder ?? null,
  });
  const platformInfo = { url: options.platform?.url ?? null, embedded: options.platform?.embedded ?? false };
  // The account's conversations: live over the platform's events socket while signed in.
  const messages = new MessagesService({
    platformUrl: platform.handlers.platformUrl,
    account: platform.handlers.account,
    ready: platform.handlers.ready,
    onArrived: (event) => bus.emit('messages.arrived', event),
    onUnread: (unreadCount) => bus.emit('messages.unread', { unreadCount }),
    logger: logger.child('messages'),
  });
  messages.start();
  // Custom video orders, creator side: new requests live over the platform's events socket while signed in.
  const orders = new OrdersService({
    platformUrl: platform.handlers.platformUrl,
    account: platform.handlers.account,
    ready: platform.handlers.ready,
    draftFile: (draftId) => platform.handlers.posting.uploadFile(drafts.get(draftId)),
    onChanged: (event) => bus.emit('orders.changed', event),
    outbox: platform.handlers.sync,
    onDelivery: (delivery) => bus.emit('orders.delivery', delivery),
    logger: logger.child('orders'),
    now,
  });
  orders.start();
  // The streamer's live room: gifts live over the platform's events socket while signed in.
  const live = new LiveService({
    platformUrl: platform.handlers.platformUrl,
    account: platform.handlers.account,
    ready: platform.handlers.ready,
    onState: (state) => bus.emit('live.state', state),
    onGift: (gift) => bus.emit('live.gift', gift),
    logger: logger.child('live'),
    // A thanks clip is a take recorded on the Live page: its draft's file, made the platform's MP4 in its folder.
    clips: new ThanksClips({
      tools,
      draft: (id) => {
        const draft = drafts.get(id as DraftId);
        const dir = drafts.folderOf(draft.id);
        return { kind: draft.kind, status: draft.status, file: path.join(dir, draft.mediaFile), dir };
      },
      logger: logger.child('thanks-clips'),
    }),
  });
  live.start();
  // The live video: one ffmpeg per destination, fed from the Live page's capture.
  const liveStream = new LiveStreamService({
    tools,
    store: new DestinationsStore(path.join(options.dataDir, 'live-destinations.json'), options.streamKeyStore ?? new FileSecretStore(path.join(options.dataDir, 'live-destination-keys.json'))),
    ingest: roomIngest(platform.handlers.platformUrl, () => platform.handlers.account.token()),
    platformUrl: () => platform.handlers.platformUrl,
    logger,
    now,
    onStatus: (status) => bus.emit('stream.status', status),
    // STUDIO_LIVE_VIDEO=encode re-encodes even an H.264 capture (npm run bench -- live compares both).
    video: process.env.STUDIO_LIVE_VIDEO === 'encode' ? 'encode' : 'auto',
  });

  const catalog = new CatalogService(opened.db, locateCatalogFile(), logger.child('catalog'), now);
  const lookPresets = new LookPresetsService({
    repository: new LookPresetsRepository(opened.db, logger.child('looks')),
    catalogItem: (id) => catalog.list().find((item) => item.id === id) ?? null,
    now,
    onChanged: (change) => bus.emit('lookPresets.changed', change),
  });

  const handlers: HandlersOf<typeof contract> = {
    ...appHandlers({
      notices,
      info: async () => {
        const t = await located;
        return {
          name: 'Anchor Studio',
          version: options.version,
          host: options.host,
          dataDir: options.dataDir,
          ffmpeg: { available: t !== null, path: t?.ffmpeg ?? null, source: t?.source ?? null },
          platform: platformInfo,
        };
      },
      diagnostics: async (): Promise<Diagnostics> => {
        const t = await located;
        const tool = (p: string | null, version: string | null) => (p && version ? { path: p, version, release: /version n?(\d+\.\d+)/.exec(version)?.[1] ?? null } : null);
        return {
          app: { name: 'Anchor Studio', version: options.version, host: options.host },
          versions: { electron: process.versions.electron ?? null, chromium: process.versions.chrome ?? null, node: process.versions.node, v8: process.versions.v8 },
          os: { platform: process.platform, arch: process.arch, release: os.release() },
          ffmpeg: { source: t?.source ?? null, ffmpeg: tool(t?.ffmpeg ?? null, t?.version ?? null), ffprobe: tool(t?.ffprobe ?? null, t?.ffprobeVersion ?? null), warning: ffmpegWarning(t) },
          dataDir: options.dataDir,
          platform: platformInfo,
        };
      },
    }),
    ...draftHandlers({ drafts, cancelExports: (id) => exports.cancelDraft(id), pickMediaFile: options.pickMediaFile ?? null }),
    ...catalogHandlers(catalog),
    ...takeHandlers({ takes, exports }),
    ...settingsHandlers({ settings, tools }),
    ...platformHandlers(platform.handlers),
    ...messagesHandlers(messages),
    ...ordersHandlers(orders),
    ...liveHandlers(live),
    ...streamHandlers(liveStream),
    ...lookPresetHandlers(lookPresets),
  };

  const dispatch = createDispatch(contract, handlers, {
    onInternalError: (channel, error) => logger.error('handler failed', { channel, error }),
  });

  return {
    dispatch,
    bus,
    draftFiles,
    db: opened.db,
    close: () => {
      exports.cancelAll();
      takes.close();
      messages.close();
      orders.close();
      live.close();
      void liveStream.close();
      void platform.close();
      drafts.close();
      opened.db.close();
    },
  };
}
