import type { Kysely } from 'kysely';
import { accountLevel, rankBoard } from '@shared/domain/gifts/levels';
import { decayedPopularity, horizonStart, popularityDay } from '@shared/domain/gifts/popularity';
import type { LeaderboardRow } from '@shared/protocol/leaderboards';
import { toSafeInteger } from '../../kernel/db/numbers';

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

/** Feeding boards, levels and popularity: counters written by upserts in the gift's own transaction. */
export class LeaderboardsRepository {
  constructor(private readonly db: LeaderboardsExecutor) {}

  /** Counts a gift on the room's and the streamer's board, the viewer's lifetime total, and the streamer's popularity. */
  async record(trx: LeaderboardsExecutor, gift: FedGift): Promise<void> {
    const db = boardsDb(trx);
    for (const [scope, scopeId, period] of [
      ['room', gift.roomId, gift.roomPeriod],
      ['streamer', gift.streamer.id, gift.streamerPeriod],
    ] as const) {
      await db
        .insertInto('feeding_boards')
        .values({
          scope,
          scope_id: scopeId,
          period,
          viewer_id: gift.viewer.id,
          viewer_handle: gift.viewer.handle,
          viewer_name: gift.viewer.displayName,
          feeding_value: gift.feedingValue,
          gift_count: 1,
          total_value: gift.totalValue,
          first_at: gift.at,
        })
        .onConflict((oc) =>
          oc.columns(['scope', 'scope_id', 'period', 'viewer_id']).doUpdateSet((eb) => ({
            feeding_value: eb('feeding_boards.feeding_value', '+', gift.feedingValue),
            gift_count: eb('feeding_boards.gift_count', '+', 1),
            total_value: eb('feeding_boards.total_value', '+', gift.totalValue),
            viewer_handle: gift.viewer.handle,
            viewer_name: gift.viewer.displayName,
          })),
        )
        .execute();
    }
    if (gift.feedingValue > 0) {
      await db
        .insertInto('viewer_feeding')
        .values({ viewer_id: gift.viewer.id, lifetime: gift.feedingValue })
        .onConflict((oc) => oc.column('viewer_id').doUpdateSet((eb) => ({ lifetime: eb('viewer_feeding.lifetime', '+', gift.feedingValue) })))
        .execute();
    }
    if (gift.popularityPoints > 0) {
      await db
        .insertInto('popularity_days')
        .values({
          streamer_id: gift.streamer.id,
          day: popularityDay(gift.at),
          period: gift.streamerPeriod,
          streamer_handle: gift.streamer.handle,
          streamer_name: gift.streamer.displayName,
          points: gift.popularityPoints,
        })
        .onConflict((oc) => oc.columns(['streamer_id', 'day']).doUpdateSet((eb) => ({ points: eb('popularity_days.points', '+', gift.popularityPoints) })))
        .execute();
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
