import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Leaderboard, PopularStreamers } from '@shared/protocol/leaderboards';
import type { RoomList } from '@shared/protocol/rooms';
import { giftsWorld, type GiftsWorld } from './test-support';

// Leaderboards are fed by sending gifts, so their route tests live with the gifts' world.
let w: GiftsWorld;
beforeAll(async () => {
  w = await giftsWorld({ gifts: { sendRate: { burst: 1000, perSecond: 1000 } } });
  await w.topUp(w.ana, 5000);
  await w.topUp(w.ben, 5000);
}, 60_000);
afterAll(() => w.close());

test('a room’s month: feeding value, gift count, total value, levels and medals; a new month starts fresh without deleting the old one', async () => {
  await w.sendOk(w.ana, 'bread-party');
  await w.sendOk(w.ana, 'bundle-of-flowers');
  await w.sendOk(w.ben, 'bundle-of-flowers');
  await w.sendOk(w.ben, 'egg');
  await w.sendOk(w.ben, 'heart');
  const board = (await w.call('GET', `/rooms/${w.room.id}/leaderboard`)).json<Leaderboard>();
  expect(board).toMatchObject({ scope: 'room', id: w.room.id, period: '2026-11' });
  expect(board.rows.map((r) => [r.viewer.handle, r.rank, r.feedingValue, r.giftCount, r.totalValue, r.level, r.medal])).toEqual([
    ['ana', 1, 72, 2, 72, 2, 'feeding_star'],
    ['ben', 2, 42, 3, 42, 1, 'feeding_energy_hand'],
  ]);
  const streamerBoard = (await w.call('GET', `/streamers/${w.streamer.id}/leaderboard?period=2026-11`)).json<Leaderboard>();
  expect(streamerBoard.rows.map((r) => r.viewer.handle)).toEqual(['ana', 'ben']);

  // 2026-12-01 00:30 in Shanghai: a new month.
  w.at('2026-11-30T16:30:00Z');
  await w.sendOk(w.ben, 'bundle-of-flowers');
  const december = (await w.call('GET', `/rooms/${w.room.id}/leaderboard`)).json<Leaderboard>();
  expect(december.period).toBe('2026-12');
  expect(december.rows.map((r) => [r.viewer.handle, r.feedingValue, r.level, r.medal])).toEqual([['ben', 36, 2, 'feeding_star']]);
  expect((await w.call('GET', `/rooms/${w.room.id}/leaderboard?period=2026-11`)).json<Leaderboard>().rows).toHaveLength(2);
  expect((await w.call('GET', `/rooms/${w.room.id}/leaderboard?period=2026-13`)).statusCode).toBe(400);
  expect((await w.call('GET', `/rooms/room_0000000000/leaderboard`)).statusCode).toBe(404);
});

test('popularity: 100 per diamond, decaying daily; popular streamers and live rooms are ordered by it', async () => {
  const rival = await w.p.register('rival');
  const rivalRoom = (await w.call('POST', '/rooms', { id: rival.user.id, handle: 'rival', token: rival.token }, { title: 'Rival', timeZone: 'UTC' })).json<{ id: string }>();
  await w.sendOk(w.ana, 'hot-pot', { roomId: rivalRoom.id }).catch(() => undefined);
  const today = (await w.call('GET', '/streamers/popular?period=now')).json<PopularStreamers>();
  const mine = today.streamers.find((s) => s.streamer.id === w.streamer.id)!;
  // Today (2026-11-30 UTC): one bundle of flowers = 3600, plus the 22nd's gifts decayed by 0.8^8.
  expect(mine.popularity).toBe(Math.round(3600 + 11400 * 0.8 ** 8));
  expect(mine.liveRoom?.id).toBe(w.room.id);
  const november = (await w.call('GET', '/streamers/popular?period=2026-11')).json<PopularStreamers>();
  expect(november.streamers.find((s) => s.streamer.id === w.streamer.id)!.popularity).toBe(100 * (36 + 36 + 36 + 6 + 36));
  // Streamer months are UTC months: 2026-11-30T16:30Z is already December in the Shanghai room, still November here.

  const live = (await w.call('GET', '/rooms?live=true')).json<RoomList>().rooms;
  expect(live[0]!.id).toBe(w.room.id);
  expect(live.map((r) => r.id)).toContain(rivalRoom.id);
  const before = live[0]!.popularity;
  w.p.clock.advance(24 * 60 * 60 * 1000);
  const later = (await w.call('GET', `/rooms/${w.room.id}`)).json<{ popularity: number }>().popularity;
  expect(later).toBeLessThan(before);
  expect(later).toBeGreaterThan(0);
});
