import type { Kysely } from 'kysely';
import { accountLevel, rankBoard } from '@shared/domain/gifts/levels';
import { decayedPopularity, horizonStart, popularityDay } from '@shared/domain/gifts/popularity';
import type { LeaderboardRow } from '@shared/protocol/leaderboards';
import { toSafeInteger } from '../../kernel/db/numbers';
import { prepared } from '../../kernel/db/prepared';

interface FeedingBoardsTable {
  scope: 'room' | 'streamer';
  scope_id: string;
  period: string;
  viewer_id: string;
  viewer_handle: string;
  viewer_name: string;
  feeding_value: number;
  gift_count: number;
  total_value: number;
  first_at: number;
}

interface LeaderboardTables {
  feeding_boards: FeedingBoardsTable;
  viewer_feeding: { viewer_id: string; lifetime: number };
  popularity_days: { streamer_id: string; day: number; period: string; streamer_handle: string; streamer_name: string; points: number };
}

export type LeaderboardsExecutor = Pick<Kysely<object>, 'isTransaction'>;
const boardsDb = (db: LeaderboardsExecutor): Kysely<LeaderboardTables> => db as unknown as Kysely<LeaderboardTables>;

export interface PersonRef {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
}

/** One gift as the boards count it. */
export interface FedGift {
  readonly roomId: string;
  /** `YYYY-MM` in the room's time zone. */
  readonly roomPeriod: string;
  /** `YYYY-MM` in UTC. */
  readonly streamerPeriod: string;
  readonly streamer: PersonRef;
  readonly viewer: PersonRef;
  readonly feedingValue: number;
  readonly totalValue: number;
  readonly popularityPoints: number;
  readonly at: number;
}

export interface PopularRow {
  readonly streamer: PersonRef;
  readonly popularity: number;
}

interface FeedArgs {
  readonly roomId: string;
  readonly roomPeriod: string;
  readonly streamerId: string;
  readonly streamerPeriod: string;
  readonly viewerId: string;
  readonly viewerHandle: string;
  readonly viewerName: string;
  readonly feedingValue: number;
  readonly totalValue: number;
  readonly at: number;
}

/**
 * A gift's statements, compiled once (kernel/db/prepared.ts): every gift runs them, and building
 * them through Kysely cost more CPU than running them. Both boards (the room's and the streamer's)
 * in one upsert: its two rows never share a key (their scopes differ), so each adds the gift once.
 */
const feedBoards = prepared<LeaderboardTables, FeedArgs>()((db, a) =>
  db
    .insertInto('feeding_boards')
    .values(
      (
        [
          ['room', a.roomId, a.roomPeriod],
          ['streamer', a.streamerId, a.streamerPeriod],
        ] as const
      ).map(([scope, scopeId, period]) => ({
        scope,
        scope_id: scopeId,
        period,
        viewer_id: a.viewerId,
        viewer_handle: a.viewerHandle,
        viewer_name: a.viewerName,
        feeding_value: a.feedingValue,
        gift_count: 1,
        total_value: a.totalValue,
        first_at: a.at,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['scope', 'scope_id', 'period', 'viewer_id']).doUpdateSet((eb) => ({
        feeding_value: eb('feeding_boards.feeding_value', '+', eb.ref('excluded.feeding_value')),
        gift_count: eb('feeding_boards.gift_count', '+', 1),
        total_value: eb('feeding_boards.total_value', '+', eb.ref('excluded.total_value')),
        viewer_handle: eb.ref('excluded.viewer_handle'),
        viewer_name: eb.ref('excluded.viewer_name'),
      })),
    ),
);

const feedViewer = prepared<LeaderboardTables, { viewerId: string; feedingValue: number }>()((db, a) =>
  db
    .insertInto('viewer_feeding')
    .values({ viewer_id: a.viewerId, lifetime: a.feedingValue })
    .onConflict((oc) => oc.column('viewer_id').doUpdateSet((eb) => ({ lifetime: eb('viewer_feeding.lifetime', '+', a.feedingValue) }))),
);

const addPopularity = prepared<LeaderboardTables, { streamerId: string; day: number; period: string; streamerHandle: string; streamerName: string; points: number }>()((db, a) =>
  db
    .insertInto('popularity_days')
    .values({ streamer_id: a.streamerId, day: a.day, period: a.period, streamer_handle: a.streamerHandle, streamer_name: a.streamerName, points: a.points })
    .onConflict((oc) => oc.columns(['streamer_id', 'day']).doUpdateSet((eb) => ({ points: eb('popularity_days.points', '+', a.points) }))),
);

/** Feeding boards, levels and popularity: counters written by upserts in the gift's own transaction. */
export class LeaderboardsRepository {
  constructor(private readonly db: LeaderboardsExecutor) {}

  /** Counts a gift on the room's and the streamer's board, the viewer's lifetime total, and the streamer's popularity. */
  async record(trx: LeaderboardsExecutor, gift: FedGift): Promise<void> {
    const db = boardsDb(trx);
    await feedBoards.execute(db, {
      roomId: gift.roomId,
      roomPeriod: gift.roomPeriod,
      streamerId: gift.streamer.id,
      streamerPeriod: gift.streamerPeriod,
      viewerId: gift.viewer.id,
      viewerHandle: gift.viewer.handle,
      viewerName: gift.viewer.displayName,
      feedingValue: gift.feedingValue,
      totalValue: gift.totalValue,
      at: gift.at,
    });
    if (gift.feedingValue > 0) await feedViewer.execute(db, { viewerId: gift.viewer.id, feedingValue: gift.feedingValue });
    if (gift.popularityPoints > 0) {
      await addPopularity.execute(db, {
        streamerId: gift.streamer.id,
        day: popularityDay(gift.at),
        period: gift.streamerPeriod,
        streamerHandle: gift.streamer.handle,
        streamerName: gift.streamer.displayName,
        points: gift.popularityPoints,
      });
    }
  }

  /** A board, ranked (medals to the top three), each row with the viewer's account level. */
  async board(scope: 'room' | 'streamer', scopeId: string, period: string, limit: number): Promise<LeaderboardRow[]> {
    const db = boardsDb(this.db);
    const rows = await db
      .selectFrom('feeding_boards')
      .selectAll()
      .where('scope', '=', scope)
      .where('scope_id', '=', scopeId)
      .where('period', '=', period)
      .orderBy('feeding_value', 'desc')
      .orderBy('gift_count', 'desc')
      .orderBy('first_at')
      .limit(limit)
      .execute();
    const lifetimes = rows.length
      ? await db
          .selectFrom('viewer_feeding')
          .selectAll()
          .where(
            'viewer_id',
            'in',
            rows.map((r) => r.viewer_id),
          )
          .execute()
      : [];
    const lifetimeOf = new Map(lifetimes.map((l) => [l.viewer_id, toSafeInteger(l.lifetime)]));
    const ranked = rankBoard(
      rows.map((r) => ({ viewerId: r.viewer_id, feedingValue: toSafeInteger(r.feeding_value), giftCount: toSafeInteger(r.gift_count), firstAt: toSafeInteger(r.first_at), row: r })),
    );
    return ranked.map(({ rank, medal, row }) => ({
      rank,
      medal,
      viewer: { id: row.viewerId, handle: row.row.viewer_handle, displayName: row.row.viewer_name },
      feedingValue: row.feedingValue,
      giftCount: row.giftCount,
      totalValue: toSafeInteger(row.row.total_value),
      level: accountLevel(lifetimeOf.get(row.viewerId) ?? 0).level,
    }));
  }

  async popularityOf(streamerIds: readonly string[], now: number): Promise<Map<string, number>> {
    if (streamerIds.length === 0) return new Map();
    const today = popularityDay(now);
    const rows = await boardsDb(this.db)
      .selectFrom('popularity_days')
      .select(['streamer_id', 'day', 'points'])
      .where('streamer_id', 'in', streamerIds)
      .where('day', '>=', horizonStart(today))
      .execute();
    return new Map(
      streamerIds.map((id) => [
        id,
        decayedPopularity(
          rows.filter((r) => r.streamer_id === id).map((r) => ({ day: r.day, points: toSafeInteger(r.points) })),
          today,
        ),
      ]),
    );
  }

  /** Streamers by decayed popularity today (`now`) or by a month's undecayed points (`YYYY-MM`). */
  async popular(period: string, now: number, limit: number): Promise<PopularRow[]> {
    const db = boardsDb(this.db);
    const today = popularityDay(now);
    const rows =
      period === 'now'
        ? await db.selectFrom('popularity_days').selectAll().where('day', '>=', horizonStart(today)).where('day', '<=', today).execute()
        : await db.selectFrom('popularity_days').selectAll().where('period', '=', period).execute();
    const byStreamer = new Map<string, { streamer: PersonRef; days: { day: number; points: number }[] }>();
    for (const r of rows) {
      const entry = byStreamer.get(r.streamer_id) ?? { streamer: { id: r.streamer_id, handle: r.streamer_handle, displayName: r.streamer_name }, days: [] };
      entry.days.push({ day: r.day, points: toSafeInteger(r.points) });
      byStreamer.set(r.streamer_id, entry);
    }
    return [...byStreamer.values()]
      .map(({ streamer, days }) => ({ streamer, popularity: period === 'now' ? decayedPopularity(days, today) : days.reduce((sum, d) => sum + d.points, 0) }))
      .filter((r) => r.popularity > 0)
      .sort((a, b) => b.popularity - a.popularity || (a.streamer.id < b.streamer.id ? -1 : 1))
      .slice(0, limit);
  }
}
