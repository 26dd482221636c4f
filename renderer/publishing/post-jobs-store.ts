import type { PostJobId, PostJobView } from '@shared/ipc/platform-schemas';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../client/studio-client';
import type { StudioClient } from '../client/studio-client-type';
import { syncedStore, useStore, type SyncedStore } from '../client/synced-store';

/**
 * Post jobs by id, from `sync.jobs` and `sync.job` events. Module state, so a post's progress is
 * still known when the user comes back to the result page from elsewhere.
 */
const jobsStore = syncedStore<ReadonlyMap<PostJobId, PostJobView>>(new Map(), (store) => {
  const client = studioClient();
  client.on('sync.job', (job) => put(store, [job], false));
  void client.sync.jobs().then((r) => r.ok && put(store, r.value, true));
});

/** Jobs replace what is known; from a listing (`onlyNewer`) only when they are not older than it. */
function put(store: SyncedStore<ReadonlyMap<PostJobId, PostJobView>>, list: readonly PostJobView[], onlyNewer: boolean): void {
  store.update((jobs) => {
    const next = new Map(jobs);
    for (const job of list) {
      const known = next.get(job.id);
      if (!onlyNewer || !known || known.updatedAt <= job.updatedAt) next.set(job.id, job);
    }
    return next;
  });
}

export const postJobsStore = {
  get: jobsStore.get,
  subscribe: jobsStore.subscribe,
  put: (job: PostJobView): void => put(jobsStore, [job], false),
  /** Queues a post in the outbox; its job is in this store before the promise resolves, for the result page. */
  async post(input: Parameters<StudioClient['sync']['post']>[0]): Promise<Result<{ jobId: PostJobId }>> {
    const client = studioClient();
    const result = await client.sync.post(input);
    if (!result.ok) return result;
    const jobs = await client.sync.jobs();
    const job = jobs.ok ? jobs.value.find((j) => j.id === result.value.jobId) : undefined;
    if (job) put(jobsStore, [job], false);
    return result;
  },
  /** Tries waiting posts now instead of at their next attempt. */
  retry: (): Promise<Result<unknown>> => studioClient().sync.retry(),
  cancel: (jobId: PostJobId): Promise<Result<unknown>> => studioClient().sync.cancel({ jobId }),
  /** A failed or cancelled post again, as a new job (in this store before the promise resolves). */
  async repost(jobId: PostJobId): Promise<Result<{ jobId: PostJobId }>> {
    const client = studioClient();
    const result = await client.sync.repost({ jobId });
    if (!result.ok) return result;
    const jobs = await client.sync.jobs();
    const job = jobs.ok ? jobs.value.find((j) => j.id === result.value.jobId) : undefined;
    if (job) put(jobsStore, [job], false);
    return result;
  },
};

export function usePostJob(id: string): PostJobView | null {
  return useStore(jobsStore).get(id as PostJobId) ?? null;
}
