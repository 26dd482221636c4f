import { z } from 'zod';
import { MEDALS } from '../domain/gifts/levels';
import { PublicUser, Room } from './rooms';
import type { RouteSpec } from './routes';

/** `YYYY-MM` (a month; a new month starts fresh, nothing is deleted); absent → the current month. */
export const Period = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a period is a month, YYYY-MM');

export const LeaderboardRow = z.object({
  rank: z.number().int().positive(),
  viewer: PublicUser,
  feedingValue: z.number().int().nonnegative(),
  giftCount: z.number().int().nonnegative(),
  totalValue: z.number().int().nonnegative(),
  /** From the viewer's lifetime feeding value (shared/domain/gifts/levels.ts). */
  level: z.number().int().positive(),
  medal: z.enum(MEDALS).nullable(),
});
export type LeaderboardRow = z.output<typeof LeaderboardRow>;

export const Leaderboard = z.object({ scope: z.enum(['room', 'streamer']), id: z.string(), period: Period, rows: z.array(LeaderboardRow) });
export type Leaderboard = z.output<typeof Leaderboard>;

export const LeaderboardQuery = z.object({ period: Period.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });
export const PopularQuery = z.object({
  /** `now` (decayed popularity today) or a month `YYYY-MM` (that month's points, undecayed). */
  period: z.union([z.literal('now'), Period]).default('now'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const PopularStreamer = z.object({ streamer: PublicUser, popularity: z.number().int().nonnegative(), liveRoom: Room.nullable() });
export const PopularStreamers = z.object({ period: z.string(), streamers: z.array(PopularStreamer) });
export type PopularStreamers = z.output<typeof PopularStreamers>;

const spec = <S extends RouteSpec>(s: S): S => s;

export const leaderboardRoutes = {
  roomLeaderboard: spec({
    method: 'GET',
    path: '/rooms/:id/leaderboard',
    auth: 'none',
    status: 200,
    params: z.object({ id: z.string().regex(/^room_[0-9a-z]{10,40}$/) }),
    query: LeaderboardQuery,
    response: Leaderboard,
    summary: 'Feeding leaderboard of a room for a month',
  }),
  streamerLeaderboard: spec({
    method: 'GET',
    path: '/streamers/:id/leaderboard',
    auth: 'none',
    status: 200,
    params: z.object({ id: z.string().min(1).max(64) }),
    query: LeaderboardQuery,
    response: Leaderboard,
    summary: 'Feeding leaderboard of a streamer (all rooms) for a month',
  }),
  popularStreamers: spec({ method: 'GET', path: '/streamers/popular', auth: 'none', status: 200, query: PopularQuery, response: PopularStreamers, summary: 'Streamers by popularity' }),
} as const;
