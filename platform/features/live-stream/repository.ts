import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { toSafeInteger } from '../../kernel/db/numbers';

export interface RoomStreamsTable {
  room_id: string;
  stream_key: string;
  key_created_at: number;
  state: 'offline' | 'live';
  publishing_key: string | null;
  started_at: number | null;
  ended_at: number | null;
}

interface LiveStreamTables {
  room_streams: RoomStreamsTable;
}

/** The caller's database or open transaction, whatever else its schema holds. */
export type StreamsExecutor = Pick<Kysely<object>, 'isTransaction'>;
const streamsDb = (db: StreamsExecutor): Kysely<LiveStreamTables> => db as unknown as Kysely<LiveStreamTables>;

export interface RoomStreamRecord {
  readonly roomId: string;
  readonly streamKey: string;
  readonly keyCreatedAt: number;
  readonly state: 'offline' | 'live';
  /** The key the live stream was published with (its media server name), null when offline. */
  readonly publishingKey: string | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

const toRecord = (row: RoomStreamsTable): RoomStreamRecord => ({
  roomId: row.room_id,
  streamKey: row.stream_key,
  keyCreatedAt: toSafeInteger(row.key_created_at),
  state: row.state,
  publishingKey: row.publishing_key,
  startedAt: row.started_at === null ? null : toSafeInteger(row.started_at),
  endedAt: row.ended_at === null ? null : toSafeInteger(row.ended_at),
});

/** 128 random bits: what a stream key is (`lsk_` + 32 hex, the protocol's StreamKey). */
export const newStreamKey = (): string => `lsk_${randomBytes(16).toString('hex')}`;

/** Stream keys and stream state per room. Methods take the caller's transaction as their last argument. */
export class RoomStreamsRepository {
  constructor(private readonly db: StreamsExecutor) {}

  async byRoom(roomId: string, trx?: StreamsExecutor): Promise<RoomStreamRecord | null> {
    const row = await streamsDb(trx ?? this.db)
      .selectFrom('room_streams')
      .selectAll()
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byKey(streamKey: string, trx?: StreamsExecutor): Promise<RoomStreamRecord | null> {
    const row = await streamsDb(trx ?? this.db)
      .selectFrom('room_streams')
      .selectAll()
      .where('stream_key', '=', streamKey)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byPublishingKey(name: string, trx?: StreamsExecutor): Promise<RoomStreamRecord | null> {
    const row = await streamsDb(trx ?? this.db)
      .selectFrom('room_streams')
      .selectAll()
      .where('publishing_key', '=', name)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byRooms(roomIds: readonly string[], trx?: StreamsExecutor): Promise<Map<string, RoomStreamRecord>> {
    if (roomIds.length === 0) return new Map();
    const rows = await streamsDb(trx ?? this.db)
      .selectFrom('room_streams')
      .selectAll()
      .where('room_id', 'in', roomIds)
      .execute();
    return new Map(rows.map((r) => [r.room_id, toRecord(r)]));
  }

  /** The room's row, created offline with a new key when it has none (two callers at once get the same row). */
  async ensure(roomId: string, at: number, trx?: StreamsExecutor): Promise<RoomStreamRecord> {
    const db = streamsDb(trx ?? this.db);
    await db
      .insertInto('room_streams')
      .values({ room_id: roomId, stream_key: newStreamKey(), key_created_at: at, state: 'offline', publishing_key: null, started_at: null, ended_at: null })
      .onConflict((oc) => oc.column('room_id').doNothing())
      .execute();
    return (await this.byRoom(roomId, trx))!;
  }

  async setKey(roomId: string, streamKey: string, at: number, trx?: StreamsExecutor): Promise<void> {
    await streamsDb(trx ?? this.db)
      .updateTable('room_streams')
      .set({ stream_key: streamKey, key_created_at: at })
      .where('room_id', '=', roomId)
      .execute();
  }

  /** Marks the room live under `publishingKey` unless it already is; returns whether it changed. */
  async markLive(roomId: string, publishingKey: string, at: number, trx?: StreamsExecutor): Promise<boolean> {
    const result = await streamsDb(trx ?? this.db)
      .updateTable('room_streams')
      .set({ state: 'live', publishing_key: publishingKey, started_at: at, ended_at: null })
      .where('room_id', '=', roomId)
      .where('state', '=', 'offline')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks the room offline; returns the name it was live under, or null when it was not live. */
  async markOffline(roomId: string, at: number, trx?: StreamsExecutor): Promise<string | null> {
    const db = streamsDb(trx ?? this.db);
    // RETURNING gives the new row, so the name is read first (the caller's transaction holds both).
    const before = await db.selectFrom('room_streams').select('publishing_key').where('room_id', '=', roomId).where('state', '=', 'live').executeTakeFirst();
    if (!before) return null;
    const result = await db.updateTable('room_streams').set({ state: 'offline', publishing_key: null, ended_at: at }).where('room_id', '=', roomId).where('state', '=', 'live').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? (before.publishing_key ?? '') : null;
  }

  /** Rooms marked live: when the media server (re)starts, nobody is publishing to it yet. */
  async liveRooms(trx?: StreamsExecutor): Promise<string[]> {
    const rows = await streamsDb(trx ?? this.db)
      .selectFrom('room_streams')
      .select('room_id')
      .where('state', '=', 'live')
      .execute();
    return rows.map((r) => r.room_id);
  }
}
