import type { DraftId } from '@shared/domain/ids';
import type { ExportJob } from '@shared/ipc/media-schemas';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../client/studio-client';
import { syncedStore, useStore } from '../client/synced-store';

/**
 * Export progress per draft, from `media.exportProgress` (about twice a second, not per frame).
 * One subscription for the whole renderer; the drafts list and the preview page read it.
 */
const jobsStore = syncedStore<ReadonlyMap<DraftId, ExportJob>>(new Map(), (store) => {
  const client = studioClient();
  client.on('media.exportProgress', (job) =>
    store.update((jobs) => {
      const next = new Map(jobs);
      if (job.percent >= 100) next.delete(job.draftId);
      else next.set(job.draftId, job);
      return next;
    }),
  );
  // Exports started before this page opened (or by another window).
  void client.media.queue().then((result) => {
    if (!result.ok) return;
    store.update((jobs) => {
      const next = new Map(jobs);
      for (const job of result.value) if (!next.has(job.draftId)) next.set(job.draftId, job);
      return next;
    });
  });
});

export const exportProgressStore = {
  get: jobsStore.get,
  subscribe: jobsStore.subscribe,
  /** Queues the draft's MP4 export; its progress arrives in this store. */
  start: (draftId: DraftId): Promise<Result<unknown>> => studioClient().media.export({ draftId }),
  /** Stops ffmpeg; the take is kept. */
  cancel: (jobId: ExportJob['jobId']): Promise<Result<unknown>> => studioClient().media.cancel({ jobId }),
  /** A job that ended without a 100 % event (cancelled, failed): the draft's status says the rest. */
  forget(draftId: DraftId): void {
    if (!jobsStore.get().has(draftId)) return;
    jobsStore.update((jobs) => {
      const next = new Map(jobs);
      next.delete(draftId);
      return next;
    });
  },
};

export const useExportJobs = (): ReadonlyMap<DraftId, ExportJob> => useStore(jobsStore);

/**
 * A draft file's URL from the site root: `draftMediaUrl` is relative, which breaks on nested routes
 * such as `/preview/<id>`.
 */
export const mediaSrc = (url: string): string => (url.startsWith('/') ? url : `/${url}`);
