import { StudioFailure } from '@shared/ipc/result';
import { liveStreamRoutes, type Ingest } from '@shared/protocol/live-stream';
import type { RoomId } from '@shared/protocol/rooms';
import { asFailure } from '../sync/platform-failure';
import { callSpec } from '../sync/platform-http';

/**
 * The room's RTMP URL and stream key from the platform (`GET /rooms/:id/ingest`, owner only), with
 * the studio's session. Fetched when going live or when the streamer asks to see the key; never stored.
 */
export function roomIngest(platformUrl: string | null, token: () => string | null): (roomId: RoomId) => Promise<Ingest> {
  return async (roomId) => {
    if (!platformUrl) throw new StudioFailure('unavailable', { key: 'platform.notConfigured' });
    const session = token();
    if (!session) throw new StudioFailure('unauthorized', { key: 'live.signIn' });
    try {
      return await callSpec({ baseUrl: platformUrl, token: () => session, timeoutMs: 10_000 }, liveStreamRoutes.getIngest, 'getIngest', { params: { id: roomId } });
    } catch (error) {
      throw asFailure(error);
    }
  };
}
