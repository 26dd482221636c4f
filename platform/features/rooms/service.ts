import { hlsPlaylistPath } from '@shared/protocol/live-stream';
import { ROOM_EVENTS, type Room, type RoomStream } from '@shared/protocol/rooms';
import { isUniqueViolation } from '../../kernel/db/errors';
import { transaction, type Executor, type Trx } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';
import { ApiError } from '../../kernel/http/api-error';
import { newRoomId, type RoomRecord, type RoomsExecutor, type RoomsRepository } from './repository';

export type { RoomRecord } from './repository';

/** What rooms need from the leaderboards feature: each streamer's popularity today. */
export interface PopularityLookup {
  popularityOf(streamerIds: readonly string[], now: number): Promise<Map<string, number>>;
}

/** What other features (gifts, leaderboards) use: rooms by id, as records and as the protocol's view. */
export interface RoomLookup {
  byId(id: string, trx?: RoomsExecutor): Promise<RoomRecord | null>;
  openRoomsOf(streamerIds: readonly string[]): Promise<Map<string, RoomRecord>>;
  views(records: readonly RoomRecord[]): Promise<Room[]>;
}

/** What rooms need from the live stream feature: each room's stream, and ending it when the room closes. */
export interface RoomStreams {
  /** Null when the platform has live streaming off (rooms then carry no `stream`). */
  streamsOf(roomIds: readonly string[]): Promise<Map<string, RoomStream> | null>;
  /** Inside the close's transaction. */
  roomClosed(roomId: string, at: number, trx: Trx): Promise<void>;
}

export interface RoomsDeps {
  readonly db: Executor;
  readonly rooms: RoomsRepository;
  readonly events: Pick<EventLog, 'publish'>;
  readonly popularity: PopularityLookup;
  readonly streams?: RoomStreams;
  readonly now: () => number;
  /** A viewer who has not repeated `present: true` within this long no longer counts (default 60 s). */
  readonly presenceTimeoutMs?: number;
}

export interface Caller {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
}

/** Opening and closing rooms, presence, and the live list by popularity. */
export class RoomsService implements RoomLookup {
  private readonly presenceTimeoutMs: number;

  constructor(private readonly deps: RoomsDeps) {
    this.presenceTimeoutMs = deps.presenceTimeoutMs ?? 60_000;
  }

  byId(id: string, trx?: RoomsExecutor): Promise<RoomRecord | null> {
    return this.deps.rooms.byId(id, trx);
  }

  openRoomsOf(streamerIds: readonly string[]): Promise<Map<string, RoomRecord>> {
    return this.deps.rooms.openRoomsOf(streamerIds);
  }

  /** Opens the caller's room; when one is already open it is returned unchanged (`created: false`). */
  async open(caller: Caller, title: string, timeZone: string): Promise<{ room: Room; created: boolean }> {
    const existing = await this.deps.rooms.openOf(caller.id);
    if (existing) return { room: await this.view(existing), created: false };
    const record: RoomRecord = {
      id: newRoomId(),
      streamerId: caller.id,
      streamerHandle: caller.handle,
      streamerName: caller.displayName,
      title,
      timeZone,
      state: 'open',
      openedAt: this.deps.now(),
      closedAt: null,
    };
    try {
      await this.deps.rooms.insert(record);
    } catch (error) {
      // Two opens raced: the partial unique index let one through; answer with that one.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.deps.rooms.openOf(caller.id);
      if (!winner) throw error;
      return { room: await this.view(winner), created: false };
    }
    return { room: await this.view(record), created: true };
  }

  async close(id: string, callerId: string): Promise<Room> {
    const room = await this.deps.rooms.byId(id);
    if (!room) throw new ApiError('not_found', 'No such room');
    if (room.streamerId !== callerId) throw new ApiError('forbidden', 'Only the streamer can close their room');
    if (room.state === 'closed') return this.view(room);
    const at = this.deps.now();
    const closed = await transaction(this.deps.db, async (trx) => {
      const row = await this.deps.rooms.close(id, at, trx);
      if (row) {
        await this.deps.streams?.roomClosed(id, at, trx);
        await this.deps.events.publish(trx, { topic: `room:${id}`, type: ROOM_EVENTS.closed, data: { roomId: id, closedAt: at }, at });
      }
      return row;
    });
    return this.view(closed ?? (await this.deps.rooms.byId(id))!);
  }

  async get(id: string): Promise<Room> {
    const room = await this.deps.rooms.byId(id);
    if (!room) throw new ApiError('not_found', 'No such room');
    return this.view(room);
  }

  /** Open rooms, most popular streamer first (then the newest). */
  async live(limit: number): Promise<Room[]> {
    const rooms = await this.deps.rooms.live(500);
    const views = await this.views(rooms);
    return views.sort((a, b) => b.popularity - a.popularity || b.openedAt - a.openedAt).slice(0, limit);
  }

  /**
   * Joins (present: true; repeat within the timeout to stay) or leaves a room. A change in the count
   * is published on `room:<id>` in the same transaction, so a reconnecting client replays it once.
   */
  async presence(id: string, viewerKey: string, present: boolean): Promise<{ roomId: string; viewers: number }> {
    const at = this.deps.now();
    const since = at - this.presenceTimeoutMs;
    return transaction(this.deps.db, async (trx) => {
      const room = await this.deps.rooms.byId(id, trx);
      if (!room) throw new ApiError('not_found', 'No such room');
      if (present && room.state !== 'open') throw new ApiError('room_closed', 'This room is closed');
      const changed = present ? await this.deps.rooms.join(id, viewerKey, at, since, trx) : await this.deps.rooms.leave(id, viewerKey, since, trx);
      const viewers = (await this.deps.rooms.viewers([id], since, trx)).get(id) ?? 0;
      if (changed) await this.deps.events.publish(trx, { topic: `room:${id}`, type: ROOM_EVENTS.presence, data: { roomId: id, viewers }, at });
      return { roomId: id, viewers };
    });
  }

  /** The `room` topic rule: anyone may read an open room's topic; its streamer always may. */
  async mayRead(id: string, userId: string | null): Promise<boolean> {
    const room = await this.deps.rooms.byId(id);
    return room !== null && (room.state === 'open' || room.streamerId === userId);
  }

  async prunePresence(now: number): Promise<void> {
    await this.deps.rooms.prunePresence(now - this.presenceTimeoutMs);
  }

  async views(records: readonly RoomRecord[]): Promise<Room[]> {
    const now = this.deps.now();
    const ids = records.map((r) => r.id);
    const [viewers, popularity, streams] = await Promise.all([
      this.deps.rooms.viewers(ids, now - this.presenceTimeoutMs),
      this.deps.popularity.popularityOf([...new Set(records.map((r) => r.streamerId))], now),
      this.deps.streams ? this.deps.streams.streamsOf(ids) : null,
    ]);
    return records.map((r) => ({
      id: r.id as Room['id'],
      state: r.state,
      title: r.title,
      timeZone: r.timeZone,
      streamer: { id: r.streamerId, handle: r.streamerHandle, displayName: r.streamerName },
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      viewers: r.state === 'open' ? (viewers.get(r.id) ?? 0) : 0,
      popularity: popularity.get(r.streamerId) ?? 0,
      ...(streams ? { stream: streams.get(r.id) ?? { state: 'offline' as const, hlsUrl: hlsPlaylistPath(r.id) } } : {}),
    }));
  }

  private async view(record: RoomRecord): Promise<Room> {
    return (await this.views([record]))[0]!;
  }
}
