import { expect, test } from 'vitest';
import type { EventEnvelope } from '@shared/protocol/events';
import { roomEvent } from './room-events';

const ROOM = 'room_0123456789abcdef0123';
const envelope = (type: string, data: Record<string, unknown>, topic = `room:${ROOM}`): EventEnvelope => ({ id: 7, topic, type, data, at: 1_000 });

test('the stream starting and ending reach the room page as stream events; wrong shapes and other rooms do not', () => {
  expect(roomEvent(envelope('room.stream.started', { roomId: ROOM, hlsUrl: `/live/${ROOM}/index.m3u8`, at: 1_000 }), ROOM)).toEqual({
    kind: 'stream',
    at: 1_000,
    state: 'live',
    hlsUrl: `/live/${ROOM}/index.m3u8`,
  });
  expect(roomEvent(envelope('room.stream.ended', { roomId: ROOM, at: 1_000, reason: 'publisher_left' }), ROOM)).toEqual({ kind: 'stream', at: 1_000, state: 'offline', hlsUrl: null });
  expect(roomEvent(envelope('room.stream.started', { roomId: ROOM }), ROOM)).toBeNull();
  expect(roomEvent(envelope('room.stream.started', { roomId: ROOM, hlsUrl: '/x', at: 1 }, 'room:room_other000000000000'), ROOM)).toBeNull();
});
