import { z } from 'zod';
import { DraftId, ExportJobId } from '../../domain/ids';
import { ExportProgress } from '../../domain/recording/export-progress';
import { eventFor, method, noun } from '../define';

export const ExportJob = ExportProgress.extend({ draftId: DraftId });
export type ExportJob = z.output<typeof ExportJob>;

/** Export to the platform MP4 (one at a time; others wait in a queue). */
export const media = noun({
  methods: {
    export: method(z.object({ draftId: DraftId }), z.object({ jobId: ExportJobId })),
    cancel: method(z.object({ jobId: ExportJobId }), z.null()),
    queue: method(z.undefined(), z.array(ExportJob)),
  },
  events: {
    /**
     * An export waits, runs or finishes (about twice a second); the draft's status follows through
     * `drafts.changed`. Subscribe with `{ draftId }` for one draft's progress.
     */
    exportProgress: eventFor(ExportJob, z.object({ draftId: DraftId }), (arg, job) => job.draftId === arg.draftId),
  },
});
