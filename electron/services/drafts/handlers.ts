import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import { StudioFailure } from '@shared/ipc/result';
import type { DraftId } from '@shared/domain/ids';
import type { DraftsService } from './drafts-service';

export type DraftHandlerDeps = Readonly<{
  drafts: DraftsService;
  /** Stops a draft's export before the draft goes (takes/draft-exports.ts). */
  cancelExports: (draftId: DraftId) => void;
  /** The native open-file dialog; absent in the browser-hosted studio. Resolves null on cancel. */
  pickMediaFile: (() => Promise<string | null>) | null;
}>;

/** The drafts and imports nouns. */
export function draftHandlers(deps: DraftHandlerDeps): Pick<HandlersOf<StudioContract>, 'drafts' | 'imports'> {
  const { drafts } = deps;
  return {
    drafts: {
      list: () => drafts.list(),
      get: ({ id }) => drafts.get(id),
      rename: ({ id, title }) => drafts.rename(id, title),
      remove: ({ id }) => {
        deps.cancelExports(id);
        drafts.remove(id);
        return null;
      },
      importViaDialog: async () => {
        if (!deps.pickMediaFile) throw new StudioFailure('unsupported', { key: 'drafts.noFileDialog' });
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
  };
}
