import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '@shared/protocol/events';
import { eventText } from './event-text';

afterEach(() => vi.restoreAllMocks());

describe('eventText', () => {
  it('serialises an event once for all its sockets, and each event to its own JSON', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const event: EventEnvelope = { id: 7, topic: 'room:r1', type: 'room.gift', data: { notice: '@ana sent a bundle of flowers' }, at: 1_700_000_000_000 };
    const first = eventText(event);
    const once = stringify.mock.calls.length;
    const texts = Array.from({ length: 2000 }, () => eventText(event));
    expect(stringify).toHaveBeenCalledTimes(once);
    expect(new Set([first, ...texts]).size).toBe(1);
    expect(JSON.parse(first)).toEqual(event);
    const other: EventEnvelope = { ...event, id: 8 };
    expect(JSON.parse(eventText(other))).toEqual(other);
  });

  it('puts the id first whatever the envelope’s key order (clients may read it from the first bytes)', () => {
    const event = { topic: 'room:r1', type: 'room.gift', data: { id: 'not this one', n: 1 }, at: 5, id: 42 } as EventEnvelope;
    const text = eventText(event);
    expect(text.startsWith('{"id":42,"topic":"room:r1","type":"room.gift","data":')).toBe(true);
    expect(JSON.parse(text)).toEqual({ id: 42, topic: 'room:r1', type: 'room.gift', data: { id: 'not this one', n: 1 }, at: 5 });
  });
});
