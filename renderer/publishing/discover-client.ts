import type { Video } from '../../shared/protocol/index';
import type { Result } from '../../shared/ipc/result';
import { studioClient } from '../client/studio-client';

/** The Discover page's view of the platform: the public feed, page by page, and word of new videos. */
export const discoverClient = {
  feed: (cursor: string | null): Promise<Result<{ videos: readonly Video[]; nextCursor: string | null }>> => studioClient().discover.feed(cursor ? { cursor } : {}),
  /** Calls `listener` when anyone posts a video; returns the unsubscribe. */
  onVideoCreated: (listener: () => void): (() => void) => studioClient().on('discover.event', (e) => e.type === 'video.created' && listener()),
};
