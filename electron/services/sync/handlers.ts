import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { draftMediaUrl } from '@shared/domain/drafts';
import type { HandlersOf } from '@shared/ipc/define';
import type { StudioContract } from '@shared/ipc/contract';
import type { AccountView } from '@shared/ipc/nouns/account';
import type { PostJobView } from '@shared/ipc/nouns/sync';
import { StudioFailure } from '@shared/ipc/result';
import type { ItemId, RouteName, Video } from '@shared/protocol/index';
import type { PostingSource } from '../posting/posting-source';
import type { AccountState, PlatformAccountClient } from './account-client';
import { asFailure } from './platform-failure';
import { callRoute, type CallInput } from './platform-http';
import type { PostJob } from './post-job';
import type { SyncService } from './sync-service';

type Handlers = HandlersOf<StudioContract>;

export interface PlatformHandlerDeps {
  readonly account: PlatformAccountClient;
  readonly sync: SyncService;
  readonly posting: PostingSource;
  readonly platformUrl: string | null;
  readonly accountView: (state: AccountState) => AccountView;
  readonly jobView: (job: PostJob) => PostJobView;
  /** Resolves once the stored session has been read. */
  readonly ready: Promise<void>;
  /** The native folder dialog ("Save to disk" in the desktop app); absent in the browser host, which downloads instead. Null on cancel. */
  readonly pickFolder?: (() => Promise<string | null>) | null;
}

/** The platform nouns: account, sync (posting), discover, anchors. Platform refusals become clear studio errors. */
export function platformHandlers(deps: PlatformHandlerDeps): Pick<Handlers, 'account' | 'sync' | 'discover' | 'anchors'> {
  const { account, sync } = deps;
  const base = (): string => {
    if (!deps.platformUrl) throw new StudioFailure('unavailable', { key: 'platform.notConfigured' });
    return deps.platformUrl;
  };
  const call = async <N extends RouteName>(name: N, input: CallInput<N> = {}, withToken = false) => {
    try {
      return await callRoute({ baseUrl: base(), token: withToken ? () => account.token() : undefined }, name, input);
    } catch (error) {
      throw asFailure(error);
    }
  };
  const guarded = async (run: () => Promise<AccountState>): Promise<AccountView> => {
    try {
      return deps.accountView(await run());
    } catch (error) {
      throw asFailure(error);
    }
  };
  // Media and cover paths are relative to the platform; the renderer loads them from there directly.
  const absolute = (video: Video): Video => ({ ...video, mediaUrl: new URL(video.mediaUrl, base()).toString(), coverUrl: new URL(video.coverUrl, base()).toString() });

  return {
    account: {
      status: async () => {
        await deps.ready;
        return deps.accountView(account.state());
      },
      register: (input) => guarded(() => account.register(input)),
      login: async (input) => {
        const view = await guarded(() => account.login(input));
        sync.retryNow(); // posts that were waiting for a sign-in go out now
        return view;
      },
      logout: () => guarded(() => account.logout()),
    },
    sync: {
      prepare: ({ draftId }) => deps.posting.kit(draftId),
      post: async (input) => {
        const kit = deps.posting.kit(input.draftId);
        const exported = deps.posting.postFile(kit.draft);
        // Stickers: the upload is a copy with them burned in, made before the job is queued.
        const filePath = input.stickers?.length ? await deps.posting.withStickers(input.draftId, exported, input.stickers) : exported;
        const coverTimeMs = input.coverTimeMs ?? (input.coverIndex !== undefined ? kit.covers[input.coverIndex]?.timeMs : undefined);
        if (input.coverIndex !== undefined && coverTimeMs === undefined) throw new StudioFailure('invalid_input', { key: 'posting.coverNotCandidate' });
        const topic = input.topic?.trim();
        const location = input.location?.trim();
        const job = sync.enqueuePost({
          filePath,
          draftId: input.draftId,
          request: {
            title: input.title,
            visibility: input.visibility,
            anchors: input.anchors,
            ...(topic ? { topic } : {}),
            ...(location ? { location } : {}),
            ...(coverTimeMs !== undefined ? { coverTimeMs } : {}),
          },
        });
        return { jobId: deps.jobView(job).id };
      },
      jobs: () => sync.posts().map(deps.jobView),
      cancel: async ({ jobId }) => {
        if (sync.get(jobId)?.kind !== 'post') throw new StudioFailure('not_found', { key: 'posting.noSuchPost' });
        const job = await sync.cancel(jobId);
        if (job?.kind !== 'post') throw new StudioFailure('not_found', { key: 'posting.noSuchPost' });
        return deps.jobView(job);
      },
      retry: () => {
        sync.retryNow();
        return null;
      },
      saveAnchored: async ({ draftId, chips, stickers }) => {
        const kit = deps.posting.kit(draftId);
        if (kit.draft.kind !== 'video') throw new StudioFailure('unsupported', { key: 'posting.saveVideoOnly' });
        const source = deps.posting.uploadFile(kit.draft);
        const fileName = `${safeName(kit.draft.title)}-anchors.mp4`;
        // Asked first, so a cancelled dialog costs no encode.
        const folder = deps.pickFolder ? await deps.pickFolder() : null;
        if (deps.pickFolder && !folder) return { mediaUrl: '', fileName, savedTo: null, cancelled: true };
        const made = await deps.posting.withAnchors(draftId, source, chips, stickers ?? []);
        let savedTo: string | null = null;
        if (folder) {
          savedTo = path.join(folder, fileName);
          try {
            await copyFile(made, savedTo);
          } catch (error) {
            throw new StudioFailure('io_error', { key: 'posting.saveFailed', params: { folder, reason: (error as Error).message } });
          }
        }
        return { mediaUrl: draftMediaUrl(draftId, path.basename(made)), fileName, savedTo, cancelled: false };
      },
      suggestions: ({ itemId, limit }) => call('anchorSuggestions', { query: { itemId: itemId as ItemId, limit: limit ?? 8 } }),
      repost: ({ jobId }) => {
        const job = sync.get(jobId);
        if (job?.kind !== 'post') throw new StudioFailure('not_found', { key: 'posting.noSuchPost' });
        if (job.state !== 'failed' && job.state !== 'cancelled') throw new StudioFailure('conflict', { key: 'posting.repostOnlyFailed' });
        if (!existsSync(job.filePath)) throw new StudioFailure('not_found', { key: 'posting.videoGone' });
        const next = sync.enqueuePost({ filePath: job.filePath, draftId: job.draftId, request: job.request });
        return { jobId: deps.jobView(next).id };
      },
    },
    discover: {
      feed: async ({ cursor, limit }) => {
        const page = await call('listVideos', { query: { limit: limit ?? 20, ...(cursor ? { cursor } : {}) } });
        return { videos: page.videos.map(absolute), nextCursor: page.nextCursor };
      },
      video: async ({ videoId }) => absolute(await call('getVideo', { params: { id: videoId } })),
      hotAnchors: ({ limit }) => call('hotAnchors', { query: { limit: limit ?? 10 } }),
    },
    anchors: {
      trigger: ({ anchorId }) => call('triggerAnchor', { params: { id: anchorId } }, true),
    },
  };
}

/** A title as a file name: letters (any script), digits, spaces, dashes and underscores; at most 80 characters. */
export function safeName(title: string): string {
  const cleaned = title
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return cleaned || 'video';
}
