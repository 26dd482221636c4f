import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { DraftExports } from './draft-exports';
import type { TakesService } from './takes-service';

/** The recordings and media (export) nouns. */
export function takeHandlers(deps: Readonly<{ takes: TakesService; exports: DraftExports }>): Pick<HandlersOf<StudioContract>, 'recordings' | 'media'> {
  const { takes, exports } = deps;
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
  };
}
