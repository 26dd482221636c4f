import path from 'node:path';
import type Database from 'better-sqlite3';
import { contract, events, type AppInfo, type StudioEvents } from '../../shared/ipc/contract';
import { createDispatch, type Dispatch } from '../../shared/ipc/dispatch';
import { CatalogService, locateCatalogFile } from './catalog/catalog-service';
import { openDatabase } from './db/open-database';
import { migrations } from './db/migrations';
import { DraftFiles } from './drafts/draft-files';
import { DraftsRepository } from './drafts/drafts-repository';
import { DraftsService } from './drafts/drafts-service';
import { EventBus } from './event-bus';
import { locateFfmpeg, type FfmpegTools } from './ffmpeg/locate';
import { createHandlers } from './handlers';
import type { Logger } from './logger';
import { NoticesService } from './notices-service';

export interface StudioServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly pickMediaFile?: (() => Promise<string | null>) | null;
  /** The platform this studio talks to (see platform-connection.ts); null when none is reachable. */
  readonly platform?: { readonly url: string; readonly embedded: boolean } | null;
}

export interface StudioServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus<StudioEvents>;
  readonly draftFiles: DraftFiles;
  readonly db: Database.Database;
  close(): void;
}

/**
 * Builds every main-side service once. Both composition roots (Electron main and the
 * browser-hosted studio) call this and only differ in the transport they put in front.
 */
export function createStudioServices(options: StudioServicesOptions): StudioServices {
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
    );
  }

  let ffmpeg: FfmpegTools | null | undefined;
  const tools = (): FfmpegTools | null => (ffmpeg === undefined ? (ffmpeg = locateFfmpeg()) : ffmpeg);

  const draftFiles = new DraftFiles(options.dataDir);
  const drafts = new DraftsService({
    repository: new DraftsRepository(opened.db),
    files: draftFiles,
    ffmpeg: tools,
    logger: logger.child('drafts'),
    now,
    onChanged: (event) => bus.emit('drafts.changed', events['drafts.changed'].parse(event)),
  });

  const handlers = createHandlers({
    info: () => {
      const t = tools();
      return {
        name: 'Anchor Studio',
        version: options.version,
        host: options.host,
        dataDir: options.dataDir,
        ffmpeg: { available: t !== null, path: t?.ffmpeg ?? null, source: t?.source ?? null },
        platform: { url: options.platform?.url ?? null, embedded: options.platform?.embedded ?? false },
      };
    },
    drafts,
    notices,
    catalog: new CatalogService(opened.db, locateCatalogFile(), logger.child('catalog'), now),
    pickMediaFile: options.pickMediaFile ?? null,
  });

  const dispatch = createDispatch(contract, handlers, {
    onInternalError: (channel, error) => logger.error('handler failed', { channel, error }),
  });

  return {
    dispatch,
    bus,
    draftFiles,
    db: opened.db,
    close: () => {
      drafts.close();
      opened.db.close();
    },
  };
}
