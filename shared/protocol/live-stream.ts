import { z } from 'zod';
import { RoomId, RoomParams, StreamState } from './rooms';
import type { RouteSpec } from './routes';

/**
 * Going live (issue 15): the streamer's encoder pushes RTMP to `rtmpUrl` with `streamKey` as the
 * stream name; the platform's media server (nginx + RTMP module) asks the platform whether that key
 * may publish, and the room's HLS playlist is then served at `hlsUrl` through the platform origin.
 * The contract a replacement media server must keep: RTMP URL + key in, HLS URL out, an auth callback.
 */

/** A room's stream key: a secret, never logged, rotatable by the room's streamer. */
export const StreamKey = z.string().regex(/^lsk_[0-9a-f]{32}$/, 'not a stream key');
export type StreamKey = z.output<typeof StreamKey>;

export { RoomStream, StreamState } from './rooms';

/** What an encoder needs to go live in a room (owner only). */
export const Ingest = z.object({
  /** The RTMP application URL, e.g. `rtmp://127.0.0.1:1935/live`; publish to `${rtmpUrl}/${streamKey}`. */
  rtmpUrl: z.string(),
  streamKey: StreamKey,
  /** The room's HLS playlist, relative to the platform origin: `/live/<roomId>/index.m3u8`. */
  hlsUrl: z.string(),
  state: StreamState,
});
export type Ingest = z.output<typeof Ingest>;

/**
 * The room's HLS fragment length, and so the keyframe interval of the studio's stream to its own
 * room (nginx-rtmp cuts a fragment only at a keyframe). Shorter than the 2 s RTMP services ask for:
 * the viewer's player must sit more than one fragment behind the live edge not to run dry, so the
 * fragment bounds glass to glass (measured with `npm run bench -- live`).
 */
export const ROOM_FRAGMENT_MS = 500;

/** The room's HLS playlist, relative to the platform origin (not under the API prefix). */
export const hlsPlaylistPath = (roomId: string): string => `/live/${roomId}/index.m3u8`;

/** Event types on `room:<id>` when the stream starts or ends (issue 14's topic). */
export const LIVE_STREAM_EVENTS = { started: 'room.stream.started', ended: 'room.stream.ended' } as const;

export const StreamStartedEvent = z.object({ roomId: RoomId, hlsUrl: z.string(), at: z.number().int() });
export type StreamStartedEvent = z.output<typeof StreamStartedEvent>;

/** `publisher_left`: the encoder stopped or dropped; `room_closed`: the room was closed while live; `key_rotated`: the key in use was replaced. */
export const StreamEndReason = z.enum(['publisher_left', 'room_closed', 'key_rotated']);
export const StreamEndedEvent = z.object({ roomId: RoomId, at: z.number().int(), reason: StreamEndReason });
export type StreamEndedEvent = z.output<typeof StreamEndedEvent>;

/**
 * The media server's callbacks (nginx-rtmp `on_publish` / `on_publish_done`): form POSTs, accepted
 * only from loopback and with the per-process secret as the `secret` query parameter. Not under the
 * API prefix and not in the API docs.
 */
export const LIVE_HOOK_PATHS = { publish: '/internal/live/publish', publishDone: '/internal/live/publish-done' } as const;

const spec = <S extends RouteSpec>(s: S): S => s;

/**
 * Refusals: 401 signed out; 403 not the room's streamer; 404 no such room; 409 `room_closed` when the
 * room is not open; 409 `live_off` when this platform runs without its media server (nginx + RTMP module).
 */
export const liveStreamRoutes = {
  getIngest: spec({
    method: 'GET',
    path: '/rooms/:id/ingest',
    auth: 'required',
    status: 200,
    params: RoomParams,
    response: Ingest,
    summary: 'Where and with which key the room’s streamer publishes (owner only)',
  }),
  rotateIngest: spec({
    method: 'POST',
    path: '/rooms/:id/ingest/rotate',
    auth: 'required',
    status: 200,
    params: RoomParams,
    response: Ingest,
    summary: 'A new stream key for the room; the old one stops working (a stream using it is ended)',
  }),
} as const;
