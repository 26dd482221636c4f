import { z } from 'zod';
import { AnchorId, VideoId } from './ids';

/** Messages pushed on the `/api/v1/events` WebSocket. Only public activity is broadcast. */
export const PlatformEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('video.created'), videoId: VideoId, at: z.number().int() }),
  z.object({ type: z.literal('anchor.triggered'), anchorId: AnchorId, videoId: VideoId, triggerCount: z.number().int(), at: z.number().int() }),
]);
export type PlatformEvent = z.output<typeof PlatformEvent>;
