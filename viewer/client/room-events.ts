import { useEffect, useRef } from 'react';
import { z } from 'zod';
import type { EventEnvelope } from '@shared/protocol/events';
import { GIFT_EVENTS, SendingState, Thanks } from '@shared/protocol/gifts';
import { LIVE_STREAM_EVENTS, StreamStartedEvent } from '@shared/protocol/live-stream';
import { ROOM_EVENTS } from '@shared/protocol/rooms';
import { LiveEvents } from './live-events';
import { onLiveEvent } from './live-store';

/** `room.gift` on `room:<id>`: the public notice of a gift ("@ana sent a bundle of flowers"). */
export const RoomGiftEvent = z.object({
  giftId: z.string(),
  gift: z.string(),
  name: z.string(),
  sender: z.object({ handle: z.string(), displayName: z.string() }),
  notice: z.string(),
});
export const RoomPresenceEvent = z.object({ viewers: z.number().int().nonnegative() });
/** `gift.state` on the sender's `user:<id>`. */
export const GiftStateEvent = z.object({ giftId: z.string(), state: SendingState, claim: z.enum(['unlocked', 'converted']).nullable().optional(), thanks: Thanks.nullable().optional() });

export type RoomEvent =
  | { readonly kind: 'gift'; readonly id: number; readonly at: number; readonly data: z.output<typeof RoomGiftEvent> }
  | { readonly kind: 'presence'; readonly at: number; readonly viewers: number }
  | { readonly kind: 'closed'; readonly at: number }
  /** The room's video stream started (with its playlist) or ended. */
  | { readonly kind: 'stream'; readonly at: number; readonly state: 'live' | 'offline'; readonly hlsUrl: string | null }
  | { readonly kind: 'state'; readonly at: number; readonly data: z.output<typeof GiftStateEvent> };

/** A logged event as the room page's event, or null (another type, or data of the wrong shape). */
export function roomEvent(envelope: EventEnvelope, roomId: string): RoomEvent | null {
  const at = envelope.at;
  if (envelope.topic === `room:${roomId}`) {
    switch (envelope.type) {
      case ROOM_EVENTS.gift: {
        const data = RoomGiftEvent.safeParse(envelope.data);
        return data.success ? { kind: 'gift', id: envelope.id, at, data: data.data } : null;
      }
      case ROOM_EVENTS.presence: {
        const data = RoomPresenceEvent.safeParse(envelope.data);
        return data.success ? { kind: 'presence', at, viewers: data.data.viewers } : null;
      }
      case ROOM_EVENTS.closed:
        return { kind: 'closed', at };
      case LIVE_STREAM_EVENTS.started: {
        const data = StreamStartedEvent.safeParse(envelope.data);
        return data.success ? { kind: 'stream', at, state: 'live', hlsUrl: data.data.hlsUrl } : null;
      }
      case LIVE_STREAM_EVENTS.ended:
        return { kind: 'stream', at, state: 'offline', hlsUrl: null };
      default:
        return null;
    }
  }
  if (envelope.topic.startsWith('user:') && envelope.type === GIFT_EVENTS.state) {
    const data = GiftStateEvent.safeParse(envelope.data);
    return data.success ? { kind: 'state', at, data: data.data } : null;
  }
  return null;
}

/**
 * While mounted: the room's topic on its own socket (anyone may read an open room; it resumes from
 * its last event id after a drop) and the signed-in viewer's own gift states from the app's
 * `user:<id>` stream. `onResync`: the log could not resume, reload what the page shows.
 */
export function useRoomEvents(roomId: string, listener: (event: RoomEvent) => void, onResync: () => void): void {
  const latest = useRef({ listener, onResync });
  useEffect(() => {
    latest.current = { listener, onResync };
  });
  useEffect(() => {
    const deliver = (envelope: EventEnvelope): void => {
      const event = roomEvent(envelope, roomId);
      if (event) latest.current.listener(event);
    };
    const live = new LiveEvents(null, [`room:${roomId}`]);
    live.on(deliver);
    live.onResync(() => latest.current.onResync());
    live.start();
    const offUser = onLiveEvent(deliver);
    return () => {
      offUser();
      live.stop();
    };
  }, [roomId]);
}
