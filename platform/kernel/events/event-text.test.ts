import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '@shared/protocol/events';
import { eventText } from './socket-route';

afterEach(() => vi.restoreAllMocks());

describe('eventText', () => {
  it('serialises an event once for all its sockets, and each event to its own JSON', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    const event: EventEnvelope = { id: 7, topic: 'room:r1', type: 'room.gift', data: { notice: '@ana sent a bundle of flowers' }, at: 1_700_000_000_000 };
    const texts = Array.from({ length: 2000 }, () => eventText(event));
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(new Set(texts).size).toBe(1);
    expect(JSON.parse(texts[0]!)).toEqual(event);
    const other: EventEnvelope = { ...event, id: 8 };
    expect(JSON.parse(eventText(other))).toEqual(other);
    expect(stringify).toHaveBeenCalledTimes(2);
  });
});
