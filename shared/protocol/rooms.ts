import { z } from 'zod';
import { isTimeZone } from '../domain/gifts/windows';
import type { RouteSpec } from './routes';

/**
 * Live rooms (issue 14): a streamer opens their room, viewers join it (presence), and every room
 * event travels on the event log's `room:<id>` topic (readable by anyone while the room is open).
 */
export const RoomId = z
  .string()
  .regex(/^room_[0-9a-z]{10,40}$/, 'not a room id')
  .brand<'RoomId'>();
export type RoomId = z.output<typeof RoomId>;

export const TimeZone = z.string().refine(isTimeZone, 'not a time zone the platform knows (an IANA name such as Asia/Shanghai)');

export const RoomState = z.enum(['open', 'closed']);

/** Whether the room's video stream is on air (issue 15; the ingest contract is in ./live-stream). */
export const StreamState = z.enum(['offline', 'live']);
export type StreamState = z.output<typeof StreamState>;

/** A room's stream as rooms report it: its state and HLS playlist (relative to the platform origin). */
export const RoomStream = z.object({ state: StreamState, hlsUrl: z.string() });
export type RoomStream = z.output<typeof RoomStream>;

export const PublicUser = z.object({ id: z.string(), handle: z.string(), displayName: z.string() });
export type PublicUser = z.output<typeof PublicUser>;

export const Room = z.object({
  id: RoomId,
  state: RoomState,
  title: z.string(),
  timeZone: z.string(),
  streamer: PublicUser,
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  /** Viewers present now (joined and not left, seen within the presence timeout). */
  viewers: z.number().int().nonnegative(),
  /** The streamer's popularity today (shared/domain/gifts/popularity.ts). */
  popularity: z.number().int().nonnegative(),
  /** The room's video stream (issue 15); absent when this platform has live streaming off. */
  stream: RoomStream.optional(),
});
export type Room = z.output<typeof Room>;

export const OpenRoomRequest = z.object({
  title: z.string().trim().min(1, 'A room needs a title').max(80, 'A room title is at most 80 characters'),
  timeZone: TimeZone,
});
export type OpenRoomRequest = z.output<typeof OpenRoomRequest>;

export const RoomParams = z.object({ id: RoomId });
export const ListRoomsQuery = z.object({
  /** Only live rooms are listed; the parameter is accepted for clarity. */
  live: z.literal('true').default('true'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const RoomList = z.object({ rooms: z.array(Room) });
export type RoomList = z.output<typeof RoomList>;

export const PresenceRequest = z.object({ present: z.boolean() });
export const Presence = z.object({ roomId: RoomId, viewers: z.number().int().nonnegative() });
export type Presence = z.output<typeof Presence>;

/** Event types on `room:<id>`. */
export const ROOM_EVENTS = { presence: 'room.presence', gift: 'room.gift', closed: 'room.closed' } as const;

const spec = <S extends RouteSpec>(s: S): S => s;

export const roomRoutes = {
  openRoom: spec({ method: 'POST', path: '/rooms', auth: 'required', status: 201, body: OpenRoomRequest, response: Room, summary: 'Open the caller’s room (200 with it when one is already open)' }),
  closeRoom: spec({ method: 'POST', path: '/rooms/:id/close', auth: 'required', status: 200, params: RoomParams, response: Room, summary: 'Close the caller’s room' }),
  getRoom: spec({ method: 'GET', path: '/rooms/:id', auth: 'optional', status: 200, params: RoomParams, response: Room, summary: 'One room' }),
  listRooms: spec({ method: 'GET', path: '/rooms', auth: 'none', status: 200, query: ListRoomsQuery, response: RoomList, summary: 'Live rooms, most popular first' }),
  presence: spec({
    method: 'POST',
    path: '/rooms/:id/presence',
    auth: 'optional',
    status: 200,
    params: RoomParams,
    body: PresenceRequest,
    response: Presence,
    summary: 'Join (present: true, repeat to stay) or leave a room',
  }),
} as const;
