import type { HandlersOf } from '../../shared/ipc/define';
import type { AppInfo, StudioContract } from '../../shared/ipc/contract';
import type { Diagnostics } from '../../shared/ipc/nouns/diagnostics';
import { StudioFailure } from '../../shared/ipc/result';
import type { CatalogService } from './catalog/catalog-service';
import type { DraftsService } from './drafts/drafts-service';
import type { NoticesService } from './notices-service';
import { createRecordingHandlers, type RecordingHandlerDeps } from './recording-handlers';
import { createPlatformHandlers, type PlatformHandlerDeps } from './platform-handlers';

export interface HandlerDeps {
  readonly info: () => Promise<AppInfo>;
  readonly diagnostics: () => Promise<Diagnostics>;
  readonly drafts: DraftsService;
  readonly notices: NoticesService;
  readonly catalog: CatalogService;
  /** The native open-file dialog; absent in the browser-hosted studio. Resolves null on cancel. */
  readonly pickMediaFile: (() => Promise<string | null>) | null;
  /** Takes, exports and settings (recording-handlers.ts). */
  readonly recording: RecordingHandlerDeps;
  /** Account, posting, Discover and anchors (platform-handlers.ts). */
  readonly platform: PlatformHandlerDeps;
}

/** Every contract method's handler, in one object typed by the contract: a missing one does not compile. */
export function createHandlers(deps: HandlerDeps): HandlersOf<StudioContract> {
  const { drafts, notices } = deps;
  return {
    app: {
      info: () => deps.info(),
      notices: () => notices.list(),
      dismissNotice: ({ id }) => {
        notices.dismiss(id);
        return null;
      },
    },
    diagnostics: {
      get: () => deps.diagnostics(),
    },
    drafts: {
      list: () => drafts.list(),
      get: ({ id }) => drafts.get(id),
      rename: ({ id, title }) => drafts.rename(id, title),
      remove: ({ id }) => {
        deps.recording.exports.cancelDraft(id);
        drafts.remove(id);
        return null;
      },
      importViaDialog: async () => {
        if (!deps.pickMediaFile) throw new StudioFailure('unsupported', 'The file dialog is only in the desktop app; use the file picker instead.');
        const file = await deps.pickMediaFile();
        return file === null ? null : drafts.importFromPath(file);
      },
      savePhoto: (photo) => drafts.savePhoto(photo),
    },
    imports: {
      begin: ({ fileName, size }) => ({ importId: drafts.imports.begin(fileName, size) }),
      chunk: ({ importId, offset, bytes }) => ({ received: drafts.imports.append(importId, offset, bytes) }),
      finish: ({ importId }) => drafts.finishImport(importId),
      cancel: ({ importId }) => {
        drafts.imports.cancel(importId);
        return null;
      },
    },
    catalog: {
      list: () => deps.catalog.list(),
      get: ({ id }) => deps.catalog.get(id),
    },
    ...createRecordingHandlers(deps.recording),
    ...createPlatformHandlers(deps.platform),
  };
}
