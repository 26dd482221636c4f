import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './live-events';

describe('live events reconnect', () => {
  it('backs off from half a second to at most 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });
});
