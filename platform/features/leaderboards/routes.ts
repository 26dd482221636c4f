import type { FastifyPluginAsync } from 'fastify';
import { monthKey } from '@shared/domain/gifts/windows';
import { leaderboardRoutes } from '@shared/protocol/leaderboards';
import type { Room } from '@shared/protocol/rooms';
import { ApiError } from '../../kernel/http/api-error';
import { addRoute, type RouteOptions } from '../../kernel/http/route';
import type { RoomLookup } from '../rooms/service';
import type { LeaderboardsRepository } from './repository';

export interface LeaderboardsOptions {
  readonly route: RouteOptions;
  readonly boards: LeaderboardsRepository;
  readonly rooms: RoomLookup;
  readonly now: () => number;
}

/** Feeding leaderboards per room (months in the room's zone) and per streamer (UTC months); popular streamers. */
export const leaderboardsFeature: FastifyPluginAsync<LeaderboardsOptions> = async (app, { route, boards, rooms, now }) => {
  addRoute(app, route, leaderboardRoutes.roomLeaderboard, async ({ params, query }) => {
    const room = await rooms.byId(params.id);
    if (!room) throw new ApiError('not_found', 'No such room');
    const period = query.period ?? monthKey(now(), room.timeZone);
    return { scope: 'room' as const, id: room.id, period, rows: await boards.board('room', room.id, period, query.limit) };
  });

  addRoute(app, route, leaderboardRoutes.streamerLeaderboard, async ({ params, query }) => {
    const period = query.period ?? monthKey(now());
    return { scope: 'streamer' as const, id: params.id, period, rows: await boards.board('streamer', params.id, period, query.limit) };
  });

  addRoute(app, route, leaderboardRoutes.popularStreamers, async ({ query }) => {
    const popular = await boards.popular(query.period, now(), query.limit);
    const live = await rooms.openRoomsOf(popular.map((p) => p.streamer.id));
    const liveViews = new Map<string, Room>((await rooms.views([...live.values()])).map((r) => [r.streamer.id, r]));
    return { period: query.period, streamers: popular.map((p) => ({ streamer: p.streamer, popularity: p.popularity, liveRoom: liveViews.get(p.streamer.id) ?? null })) };
  });
};
