import { LIVE_STREAM_EVENTS, StreamKey, hlsPlaylistPath, type Ingest, type RoomStream, type StreamEndedEvent, type StreamStartedEvent } from '@shared/protocol/live-stream';
import { afterCommit, transaction, type Executor, type Trx } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';
import { ApiError } from '../../kernel/http/api-error';
import type { LiveMediaServer } from './media-server';
import { newStreamKey, type RoomStreamsRepository } from './repository';

/** What live streams need from the rooms feature. */
export interface StreamRooms {
  byId(id: string, trx?: Trx): Promise<{ readonly id: string; readonly streamerId: string; readonly state: 'open' | 'closed' } | null>;
}

export interface LiveStreamDeps {
  readonly db: Executor;
  readonly streams: RoomStreamsRepository;
  readonly rooms: StreamRooms;
  readonly events: Pick<EventLog, 'publish'>;
  /** Null when the platform runs without a media server (live off). */
  readonly media: LiveMediaServer | null;
  readonly now: () => number;
  /** Where a refused callback is noted (never with the key). */
  readonly warn?: (message: string) => void;
}

/** Why a publish was refused (for the platform's log; nginx only sees 403). */
export type PublishRefusal = 'wrong_app' | 'malformed_key' | 'unknown_key' | 'room_closed' | 'already_live';

/** A media server's callback, as its form body carries it. */
export interface PublishCall {
  readonly app: string | undefined;
  readonly name: string | undefined;
}

const LIVE_OFF_MESSAGE = 'Live video is off on this platform: it runs without nginx and its RTMP module (install nginx-light and libnginx-mod-rtmp, then start the platform with --live)';

/** Stream keys, the media server's publish callbacks, and each room's stream state with its events. */
export class LiveStreamService {
  constructor(private readonly deps: LiveStreamDeps) {}

  get media(): LiveMediaServer | null {
    return this.deps.media;
  }

  /** The owner's ingest details; the room's key is made on first ask. */
  async ingest(roomId: string, callerId: string, hostname: string): Promise<Ingest> {
    const media = await this.ownerCheck(roomId, callerId);
    const stream = await this.deps.streams.ensure(roomId, this.deps.now());
    return { rtmpUrl: media.rtmpUrl(hostname), streamKey: stream.streamKey, hlsUrl: hlsPlaylistPath(roomId), state: stream.state };
  }

  /** A new key for the room; the old one stops working, and a stream published with it is ended and dropped. */
  async rotate(roomId: string, callerId: string, hostname: string): Promise<Ingest> {
    const media = await this.ownerCheck(roomId, callerId);
    const at = this.deps.now();
    const key = newStreamKey();
    const state = await transaction(this.deps.db, async (trx) => {
      await this.deps.streams.ensure(roomId, at, trx);
      await this.deps.streams.setKey(roomId, key, at, trx);
      await this.end(roomId, at, 'key_rotated', trx);
      return 'offline' as const;
    });
    return { rtmpUrl: media.rtmpUrl(hostname), streamKey: key, hlsUrl: hlsPlaylistPath(roomId), state };
  }

  /**
   * The media server's `on_publish`: allowed only for a room's current key while the room is open
   * and not already live. Marks the room live and tells its viewers.
   */
  async publish(call: PublishCall): Promise<{ readonly allowed: true; readonly roomId: string } | { readonly allowed: false; readonly reason: PublishRefusal }> {
    const media = this.deps.media;
    if (!media || call.app !== media.app) return this.refuse('wrong_app');
    if (!StreamKey.safeParse(call.name).success) return this.refuse('malformed_key');
    const key = call.name!;
    const at = this.deps.now();
    return transaction(this.deps.db, async (trx) => {
      const stream = await this.deps.streams.byKey(key, trx);
      if (!stream) return this.refuse('unknown_key');
      const room = await this.deps.rooms.byId(stream.roomId, trx);
      if (!room || room.state !== 'open') return this.refuse('room_closed');
      if (!(await this.deps.streams.markLive(stream.roomId, key, at, trx))) return this.refuse('already_live');
      const data: StreamStartedEvent = { roomId: stream.roomId as StreamStartedEvent['roomId'], hlsUrl: hlsPlaylistPath(stream.roomId), at };
      await this.deps.events.publish(trx, { topic: `room:${stream.roomId}`, type: LIVE_STREAM_EVENTS.started, data, at });
      return { allowed: true as const, roomId: stream.roomId };
    });
  }

  /** The media server's `on_publish_done`: the stream published under `name` ended. */
  async publishDone(call: PublishCall): Promise<void> {
    if (!call.name) return;
    const at = this.deps.now();
    await transaction(this.deps.db, async (trx) => {
      const stream = await this.deps.streams.byPublishingKey(call.name!, trx);
      if (stream) await this.end(stream.roomId, at, 'publisher_left', trx);
    });
  }

  /** Rooms' close hook, inside the close's transaction: a live stream ends with it and its publisher is dropped once that commits. */
  roomClosed(roomId: string, at: number, trx: Trx): Promise<void> {
    return this.end(roomId, at, 'room_closed', trx);
  }

  /** The stream of each room for the rooms' views; null when live is off (rooms then carry no stream). */
  async streamsOf(roomIds: readonly string[]): Promise<Map<string, RoomStream> | null> {
    if (!this.deps.media) return null;
    const rows = await this.deps.streams.byRooms(roomIds);
    return new Map(roomIds.map((id) => [id, { state: rows.get(id)?.state ?? 'offline', hlsUrl: hlsPlaylistPath(id) }]));
  }

  /** The folder holding a room's HLS files while it is open and live; null otherwise (nothing to serve). */
  async hlsFolderOf(roomId: string): Promise<string | null> {
    const media = this.deps.media;
    if (!media) return null;
    const stream = await this.deps.streams.byRoom(roomId);
    if (!stream || stream.state !== 'live' || !stream.publishingKey) return null;
    const room = await this.deps.rooms.byId(roomId);
    if (!room || room.state !== 'open') return null;
    return `${media.hlsDir}/${stream.publishingKey}`;
  }

  /** When the media server (re)starts nobody is publishing: rooms still marked live end now. */
  async resetLive(): Promise<number> {
    const rooms = await this.deps.streams.liveRooms();
    const at = this.deps.now();
    for (const roomId of rooms) await transaction(this.deps.db, (trx) => this.end(roomId, at, 'publisher_left', trx, false));
    return rooms.length;
  }

  private async end(roomId: string, at: number, reason: StreamEndedEvent['reason'], trx: Trx, drop = true): Promise<void> {
    const name = await this.deps.streams.markOffline(roomId, at, trx);
    if (name === null) return;
    const data: StreamEndedEvent = { roomId: roomId as StreamEndedEvent['roomId'], at, reason };
    await this.deps.events.publish(trx, { topic: `room:${roomId}`, type: LIVE_STREAM_EVENTS.ended, data, at });
    const media = this.deps.media;
    if (drop && reason !== 'publisher_left' && media && name !== '') {
      afterCommit(
        trx,
        () => void media.dropPublisher(name).catch((error: unknown) => this.deps.warn?.(`live: dropping a publisher failed: ${error instanceof Error ? error.message : String(error)}`)),
      );
    }
  }

  private async ownerCheck(roomId: string, callerId: string): Promise<LiveMediaServer> {
    const room = await this.deps.rooms.byId(roomId);
    if (!room) throw new ApiError('not_found', 'No such room');
    if (room.streamerId !== callerId) throw new ApiError('forbidden', 'Only the room’s streamer can stream to it');
    if (room.state !== 'open') throw new ApiError('room_closed', 'This room is closed: open a room to go live');
    const media = this.deps.media;
    if (!media?.available) throw new ApiError('live_off', LIVE_OFF_MESSAGE);
    return media;
  }

  private refuse(reason: PublishRefusal): { readonly allowed: false; readonly reason: PublishRefusal } {
    this.deps.warn?.(`live: publish refused (${reason})`);
    return { allowed: false, reason };
  }
}
