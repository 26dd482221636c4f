import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { toSafeInteger } from '../../kernel/db/numbers';
import { prepared } from '../../kernel/db/prepared';

export interface RoomsTable {
  id: string;
  streamer_id: string;
  streamer_handle: string;
  streamer_name: string;
  title: string;
  time_zone: string;
  state: 'open' | 'closed';
  opened_at: number;
  closed_at: number | null;
}

export interface RoomPresenceTable {
  room_id: string;
  viewer_key: string;
  seen_at: number;
}

export interface RoomsTables {
  rooms: RoomsTable;
  room_presence: RoomPresenceTable;
}

/** The caller's database or open transaction, whatever else its schema holds. */
export type RoomsExecutor = Pick<Kysely<object>, 'isTransaction'>;
const roomsDb = (db: RoomsExecutor): Kysely<RoomsTables> => db as unknown as Kysely<RoomsTables>;

export interface RoomRecord {
  readonly id: string;
  readonly streamerId: string;
  readonly streamerHandle: string;
  readonly streamerName: string;
  readonly title: string;
  readonly timeZone: string;
  readonly state: 'open' | 'closed';
  readonly openedAt: number;
  readonly closedAt: number | null;
}

const toRecord = (row: RoomsTable): RoomRecord => ({
  id: row.id,
  streamerId: row.streamer_id,
  streamerHandle: row.streamer_handle,
  streamerName: row.streamer_name,
  title: row.title,
  timeZone: row.time_zone,
  state: row.state,
  openedAt: toSafeInteger(row.opened_at),
  closedAt: row.closed_at === null ? null : toSafeInteger(row.closed_at),
});

/** Every gift looks its room up: compiled once (kernel/db/prepared.ts). */
const roomById = prepared<RoomsTables, { id: string }>()((db, a) => db.selectFrom('rooms').selectAll().where('id', '=', a.id));

export const newRoomId = (): string => `room_${randomBytes(10).toString('hex')}`;

/** Rooms and presence rows. Methods take the caller's transaction as their last argument. */
export class RoomsRepository {
  constructor(private readonly db: RoomsExecutor) {}

  async byId(id: string, trx?: RoomsExecutor): Promise<RoomRecord | null> {
    const row = await roomById.executeTakeFirst(roomsDb(trx ?? this.db), { id });
    return row ? toRecord(row) : null;
  }

  async openOf(streamerId: string, trx?: RoomsExecutor): Promise<RoomRecord | null> {
    const row = await roomsDb(trx ?? this.db)
      .selectFrom('rooms')
      .selectAll()
      .where('streamer_id', '=', streamerId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Inserts an open room; the partial unique index refuses a second open room for the streamer (the caller catches it). */
  async insert(room: RoomRecord, trx?: RoomsExecutor): Promise<void> {
    await roomsDb(trx ?? this.db)
      .insertInto('rooms')
      .values({
        id: room.id,
        streamer_id: room.streamerId,
        streamer_handle: room.streamerHandle,
        streamer_name: room.streamerName,
        title: room.title,
        time_zone: room.timeZone,
        state: room.state,
        opened_at: room.openedAt,
        closed_at: room.closedAt,
      })
      .execute();
  }

  /** Closes an open room; returns it, or null when it was not open. */
  async close(id: string, at: number, trx?: RoomsExecutor): Promise<RoomRecord | null> {
    const row = await roomsDb(trx ?? this.db)
      .updateTable('rooms')
      .set({ state: 'closed', closed_at: at })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async live(limit: number, trx?: RoomsExecutor): Promise<RoomRecord[]> {
    const rows = await roomsDb(trx ?? this.db)
      .selectFrom('rooms')
      .selectAll()
      .where('state', '=', 'open')
      .orderBy('opened_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  async openRoomsOf(streamerIds: readonly string[], trx?: RoomsExecutor): Promise<Map<string, RoomRecord>> {
    if (streamerIds.length === 0) return new Map();
    const rows = await roomsDb(trx ?? this.db)
      .selectFrom('rooms')
      .selectAll()
      .where('streamer_id', 'in', streamerIds)
      .where('state', '=', 'open')
      .execute();
    return new Map(rows.map((r) => [r.streamer_id, toRecord(r)]));
  }

  /** Marks a viewer present (or refreshes them); returns whether they were not present before. */
  async join(roomId: string, viewerKey: string, at: number, since: number, trx?: RoomsExecutor): Promise<boolean> {
    const db = roomsDb(trx ?? this.db);
    const before = await db.selectFrom('room_presence').select('seen_at').where('room_id', '=', roomId).where('viewer_key', '=', viewerKey).executeTakeFirst();
    await db
      .insertInto('room_presence')
      .values({ room_id: roomId, viewer_key: viewerKey, seen_at: at })
      .onConflict((oc) => oc.columns(['room_id', 'viewer_key']).doUpdateSet({ seen_at: at }))
      .execute();
    return !before || toSafeInteger(before.seen_at) < since;
  }

  /** Returns whether the viewer was present. */
  async leave(roomId: string, viewerKey: string, since: number, trx?: RoomsExecutor): Promise<boolean> {
    const row = await roomsDb(trx ?? this.db)
      .deleteFrom('room_presence')
      .where('room_id', '=', roomId)
      .where('viewer_key', '=', viewerKey)
      .returning('seen_at')
      .executeTakeFirst();
    return row !== undefined && toSafeInteger(row.seen_at) >= since;
  }

  async viewers(roomIds: readonly string[], since: number, trx?: RoomsExecutor): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const rows = await roomsDb(trx ?? this.db)
      .selectFrom('room_presence')
      .select((eb) => ['room_id', eb.fn.countAll<number | string>().as('n')])
      .where('room_id', 'in', roomIds)
      .where('seen_at', '>=', since)
      .groupBy('room_id')
      .execute();
    return new Map(rows.map((r) => [r.room_id, toSafeInteger(r.n)]));
  }

  /** Housekeeping: presence rows not refreshed since `before` no longer count. */
  async prunePresence(before: number, trx?: RoomsExecutor): Promise<void> {
    await roomsDb(trx ?? this.db)
      .deleteFrom('room_presence')
      .where('seen_at', '<', before)
      .execute();
  }
}
