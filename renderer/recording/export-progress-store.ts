import { useSyncExternalStore } from 'react';
import type { DraftId } from '../../shared/domain/ids';
import type { ExportJob } from '../../shared/ipc/media-schemas';
import { studioClient } from '../client/studio-client';

/**
 * Export progress per draft, from `media.exportProgress` (about twice a second, not per frame).
 * One subscription for the whole renderer; the drafts list and the preview page read it.
 */
function createExportProgressStore() {
  let jobs: ReadonlyMap<DraftId, ExportJob> = new Map();
  const subscribers = new Set<() => void>();
  let started = false;

  const start = (): void => {
    if (started) return;
    started = true;
    const client = studioClient();
    client.on('media.exportProgress', (job) => {
      const next = new Map(jobs);
      if (job.percent >= 100) next.delete(job.draftId);
      else next.set(job.draftId, job);
      jobs = next;
      for (const s of subscribers) s();
    });
    // Exports started before this page opened (or by another window).
    void client.media.queue().then((result) => {
      if (!result.ok) return;
      const next = new Map(jobs);
      for (const job of result.value) if (!next.has(job.draftId)) next.set(job.draftId, job);
      jobs = next;
      for (const s of subscribers) s();
    });
  };

  return {
    get: (): ReadonlyMap<DraftId, ExportJob> => jobs,
    subscribe(fn: () => void): () => void {
      start();
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    /** A job that ended without a 100 % event (cancelled, failed): the draft's status says the rest. */
    forget(draftId: DraftId): void {
      if (!jobs.has(draftId)) return;
      const next = new Map(jobs);
      next.delete(draftId);
      jobs = next;
      for (const s of subscribers) s();
    },
  };
}

export const exportProgressStore = createExportProgressStore();

export const useExportJobs = (): ReadonlyMap<DraftId, ExportJob> => useSyncExternalStore(exportProgressStore.subscribe, exportProgressStore.get);

/**
 * A draft file's URL from the site root: `draftMediaUrl` is relative, which breaks on nested routes
 * such as `/preview/<id>`.
 */
export const mediaSrc = (url: string): string => (url.startsWith('/') ? url : `/${url}`);
