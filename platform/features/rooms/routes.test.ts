import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AuthResponse } from '@shared/protocol/index';
import type { Room, RoomList } from '@shared/protocol/rooms';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
let host: AuthResponse;
let other: AuthResponse;
let viewer: AuthResponse;
beforeAll(async () => {
  p = await createTestPlatform({ sandboxMerchantKey: 'rooms-test-merchant-key' });
  [host, other, viewer] = [await p.register('host'), await p.register('other'), await p.register('viewer')];
}, 60_000);
afterAll(() => p.close());

const call = (method: 'GET' | 'POST', url: string, who: AuthResponse | null, payload?: object) =>
  p.app.inject({ method, url: `/api/v1${url}`, headers: who ? { authorization: `Bearer ${who.token}` } : {}, ...(payload ? { payload } : {}) });

test('open (201, then 200 with the same open room), get, close by its streamer only; closed rooms leave the live list', async () => {
  expect((await call('POST', '/rooms', null, { title: 'x', timeZone: 'UTC' })).statusCode).toBe(401);
  expect((await call('POST', '/rooms', host, { title: 'x', timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
  expect((await call('POST', '/rooms', host, { title: ' ', timeZone: 'UTC' })).statusCode).toBe(400);
  const opened = await call('POST', '/rooms', host, { title: 'Morning show', timeZone: 'Europe/Berlin' });
  expect(opened.statusCode).toBe(201);
  const room = opened.json<Room>();
  expect(room).toMatchObject({ state: 'open', title: 'Morning show', timeZone: 'Europe/Berlin', streamer: { id: host.user.id, handle: 'host' }, viewers: 0, popularity: 0, closedAt: null });
  const again = await call('POST', '/rooms', host, { title: 'Another', timeZone: 'UTC' });
  expect(again.statusCode).toBe(200);
  expect(again.json<Room>().id).toBe(room.id);
  expect((await call('GET', `/rooms/${room.id}`, null)).json<Room>().id).toBe(room.id);
  expect((await call('GET', '/rooms/room_00000000000000', null)).statusCode).toBe(404);
  expect((await call('GET', '/rooms?live=true', null)).json<RoomList>().rooms.map((r) => r.id)).toContain(room.id);

  expect((await call('POST', `/rooms/${room.id}/close`, other)).statusCode).toBe(403);
  const closed = await call('POST', `/rooms/${room.id}/close`, host);
  expect(closed.json<Room>()).toMatchObject({ state: 'closed', closedAt: p.clock.now() });
  expect((await call('POST', `/rooms/${room.id}/close`, host)).statusCode).toBe(200);
  expect((await call('GET', '/rooms?live=true', null)).json<RoomList>().rooms.map((r) => r.id)).not.toContain(room.id);
  expect((await call('POST', `/rooms/${room.id}/presence`, viewer, { present: true })).json()).toMatchObject({ error: { code: 'room_closed' } });
  const reopened = await call('POST', '/rooms', host, { title: 'Evening show', timeZone: 'UTC' });
  expect(reopened.statusCode).toBe(201);
  expect(reopened.json<Room>().id).not.toBe(room.id);
});

test('presence: joining counts once per viewer (signed in or by address), leaving and timing out uncount', async () => {
  const room = (await call('POST', '/rooms', other, { title: 'Presence', timeZone: 'UTC' })).json<Room>();
  expect((await call('POST', `/rooms/${room.id}/presence`, viewer, { present: true })).json()).toEqual({ roomId: room.id, viewers: 1 });
  expect((await call('POST', `/rooms/${room.id}/presence`, viewer, { present: true })).json()).toEqual({ roomId: room.id, viewers: 1 });
  expect((await call('POST', `/rooms/${room.id}/presence`, null, { present: true })).json()).toEqual({ roomId: room.id, viewers: 2 });
  expect((await call('GET', `/rooms/${room.id}`, null)).json<Room>().viewers).toBe(2);
  expect((await call('POST', `/rooms/${room.id}/presence`, viewer, { present: false })).json()).toEqual({ roomId: room.id, viewers: 1 });
  p.clock.advance(61_000);
  expect((await call('GET', `/rooms/${room.id}`, null)).json<Room>().viewers).toBe(0);
});
