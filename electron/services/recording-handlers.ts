import type { HandlersOf } from '../../shared/ipc/define';
import type { StudioContract } from '../../shared/ipc/contract';
import type { FfmpegTools } from './ffmpeg/locate';
import type { SettingsService } from './settings/settings-service';
import type { DraftExports } from './takes/draft-exports';
import type { TakesService } from './takes/takes-service';

type Handlers = HandlersOf<StudioContract>;

export interface RecordingHandlerDeps {
  readonly takes: TakesService;
  readonly exports: DraftExports;
  readonly settings: SettingsService;
  readonly tools: () => Promise<FfmpegTools | null>;
}

/** The recording, export and settings nouns; kept out of handlers.ts so each file stays small. */
export function createRecordingHandlers(deps: RecordingHandlerDeps): Pick<Handlers, 'recordings' | 'media' | 'settings'> {
  const { takes, exports, settings } = deps;
  const view = async () => {
    const t = await deps.tools();
    return { ...settings.get(), ffmpeg: { path: t?.ffmpeg ?? null, source: t?.source ?? null, version: t?.version ?? null } };
  };
  return {
    recordings: {
      start: (input) => takes.start(input),
      chunk: async ({ takeId, seq, bytes }) => ({ bytes: await takes.chunk(takeId, seq, bytes) }),
      event: async ({ takeId, event }) => {
        await takes.event(takeId, event);
        return null;
      },
      finish: ({ takeId, mediaMs }) => takes.finish(takeId, mediaMs),
      abort: async ({ takeId }) => {
        await takes.abort(takeId);
        return null;
      },
      still: (input) => takes.still(input),
    },
    media: {
      export: ({ draftId }) => ({ jobId: exports.start(draftId) }),
      cancel: ({ jobId }) => {
        exports.cancel(jobId);
        return null;
      },
      queue: () => exports.queue(),
    },
    settings: {
      get: () => view(),
      set: async (patch) => {
        await settings.set(patch);
        return await view();
      },
    },
  };
}
