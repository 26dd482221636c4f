import type { AnchorId, TriggerResponse, Video, VideoId } from '@shared/protocol/index';
import type { Result } from '@shared/ipc/result';
import { studioClient } from '../client/studio-client';

/** The Discover page's view of the platform: the public feed, page by page, one video, anchor taps, and word of new videos. */
export const discoverClient = {
  feed: (cursor: string | null): Promise<Result<{ videos: readonly Video[]; nextCursor: string | null }>> => studioClient().discover.feed(cursor ? { cursor } : {}),
  video: (videoId: VideoId): Promise<Result<Video>> => studioClient().discover.video({ videoId }),
  /** Counts a tap on an anchor; answers its item and shade. */
  trigger: (anchorId: AnchorId): Promise<Result<TriggerResponse>> => studioClient().anchors.trigger({ anchorId }),
  /** Calls `listener` when anyone posts a video; returns the unsubscribe. */
  onVideoCreated: (listener: () => void): (() => void) => studioClient().on('discover.event', (e) => e.type === 'video.created' && listener()),
};
