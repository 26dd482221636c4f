import { expect, test } from 'vitest';
import { parseRoute, paths } from '../../app/routes';
import { roomEvent } from '../../client/room-events';

test('/live lists the rooms and /live/<id> opens one; the paths round-trip', () => {
  expect(parseRoute('/live')).toEqual({ page: 'live' });
  expect(parseRoute('/live/')).toEqual({ page: 'live' });
  expect(parseRoute(paths.room('room_0123456789ab'))).toEqual({ page: 'room', roomId: 'room_0123456789ab' });
  expect(parseRoute('/live/bad id')).toEqual({ page: 'not-found' });
  expect(paths.wallet(paths.room('room_0123456789ab'))).toBe('/wallet?back=%2Flive%2Froom_0123456789ab');
});

const envelope = (topic: string, type: string, data: Record<string, unknown>) => ({ id: 7, topic, type, data, at: 1_000 });

test('room events are read from their own room’s topic and the viewer’s gift states; anything else or malformed is dropped', () => {
  const gift = { giftId: 'gft_0123456789', gift: 'egg', name: 'Egg', sender: { handle: 'ana', displayName: 'Ana' }, notice: '@ana sent Egg' };
  expect(roomEvent(envelope('room:room_a', 'room.gift', gift), 'room_a')).toEqual({ kind: 'gift', id: 7, at: 1_000, data: gift });
  expect(roomEvent(envelope('room:room_b', 'room.gift', gift), 'room_a')).toBeNull();
  expect(roomEvent(envelope('room:room_a', 'room.presence', { roomId: 'room_a', viewers: 3 }), 'room_a')).toEqual({ kind: 'presence', at: 1_000, viewers: 3 });
  expect(roomEvent(envelope('room:room_a', 'room.presence', { viewers: -1 }), 'room_a')).toBeNull();
  expect(roomEvent(envelope('room:room_a', 'room.closed', {}), 'room_a')).toEqual({ kind: 'closed', at: 1_000 });
  expect(roomEvent(envelope('user:u1', 'gift.state', { giftId: 'gft_0123456789', state: 'delivered', at: 1 }), 'room_a')).toMatchObject({ kind: 'state', data: { state: 'delivered' } });
  expect(roomEvent(envelope('user:u1', 'gift.state', { giftId: 'gft_0123456789', state: 'lost' }), 'room_a')).toBeNull();
  expect(roomEvent(envelope('user:u1', 'message.created', {}), 'room_a')).toBeNull();
});
