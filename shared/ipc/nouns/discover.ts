import { z } from 'zod';
import { AnchorId, HotAnchors, PlatformEvent, TriggerResponse, Video, VideoId, VideoPage } from '../../protocol/index';
import { event, method, noun } from '../define';

/** Public videos only: the renderer loads their media straight from the platform, which has no token. */
export const discover = noun({
  methods: {
    feed: method(z.object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(50).optional() }), VideoPage),
    video: method(z.object({ videoId: VideoId }), Video),
    hotAnchors: method(z.object({ limit: z.number().int().min(1).max(50).optional() }), HotAnchors),
  },
  events: {
    /** The platform's public live events (a new video, an anchor tapped), relayed so Discover can refresh. */
    event: event(PlatformEvent),
  },
});

export const anchors = noun({
  methods: {
    trigger: method(z.object({ anchorId: AnchorId }), TriggerResponse),
  },
});
