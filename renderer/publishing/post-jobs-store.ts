import { useSyncExternalStore } from 'react';
import type { PostJobId, PostJobView } from '../../shared/ipc/platform-schemas';
import { studioClient } from '../client/studio-client';

/**
 * Post jobs by id, from `sync.jobs` and `sync.job` events. Module state, so a post's progress is
 * still known when the user comes back to the result page from elsewhere.
 */
function createPostJobsStore() {
  let jobs: ReadonlyMap<PostJobId, PostJobView> = new Map();
  let started = false;
  const subscribers = new Set<() => void>();
  const put = (list: readonly PostJobView[], onlyNewer: boolean): void => {
    const next = new Map(jobs);
    for (const job of list) {
      const known = next.get(job.id);
      if (!onlyNewer || !known || known.updatedAt <= job.updatedAt) next.set(job.id, job);
    }
    jobs = next;
    for (const s of subscribers) s();
  };
  const start = (): void => {
    if (started) return;
    started = true;
    const client = studioClient();
    client.on('sync.job', (job) => put([job], false));
    void client.sync.jobs().then((r) => r.ok && put(r.value, true));
  };
  return {
    get: (): ReadonlyMap<PostJobId, PostJobView> => jobs,
    put: (job: PostJobView): void => put([job], false),
    subscribe(fn: () => void): () => void {
      start();
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

export const postJobsStore = createPostJobsStore();

export function usePostJob(id: string): PostJobView | null {
  const jobs = useSyncExternalStore(postJobsStore.subscribe, postJobsStore.get);
  return jobs.get(id as PostJobId) ?? null;
}
