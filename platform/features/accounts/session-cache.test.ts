import { describe, expect, test } from 'vitest';
import type { UserId } from '@shared/protocol/index';
import { SessionCache, type CachedSession } from './session-cache';

const sessionOf = (tokenHash: string, userId = `usr_${tokenHash}`): CachedSession => ({
  session: { user: { id: userId as UserId, handle: userId, displayName: userId, createdAt: 0 }, tokenHash },
  expiresAt: 1e15,
});

describe('SessionCache', () => {
  test('serves a kept session until the maximum age, then forgets it', () => {
    let time = 0;
    const cache = new SessionCache({ maxAgeMs: 1000, clock: () => time });
    const ana = sessionOf('h_ana');
    cache.keep('h_ana', ana, cache.since());
    time = 999;
    expect(cache.get('h_ana')).toBe(ana);
    time = 1000;
    expect(cache.get('h_ana')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('keeps at most maxSessions, dropping the least recently used', () => {
    const cache = new SessionCache({ maxSessions: 2 });
    cache.keep('a', sessionOf('a'), cache.since());
    cache.keep('b', sessionOf('b'), cache.since());
    expect(cache.get('a')).toBeDefined(); // now b is the least recently used
    cache.keep('c', sessionOf('c'), cache.since());
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  test('a read that overlapped a forget is not kept, whichever session was forgotten', () => {
    const cache = new SessionCache();
    const since = cache.since(); // the read begins
    cache.forget('h_other'); // a sign-out commits meanwhile (on this node or, through the log, another)
    cache.keep('h_ana', sessionOf('h_ana'), since);
    expect(cache.get('h_ana')).toBeUndefined();
    cache.keep('h_ana', sessionOf('h_ana'), cache.since());
    expect(cache.get('h_ana')).toBeDefined();
  });

  test('forget drops one session, forgetUser every session of one account, forgetAll everything', () => {
    const cache = new SessionCache();
    for (const [hash, user] of [
      ['a1', 'usr_a'],
      ['a2', 'usr_a'],
      ['b1', 'usr_b'],
      ['c1', 'usr_c'],
    ] as const)
      cache.keep(hash, sessionOf(hash, user), cache.since());
    cache.forget('c1');
    expect(cache.get('c1')).toBeUndefined();
    cache.forgetUser('usr_a');
    expect([cache.get('a1'), cache.get('a2')]).toEqual([undefined, undefined]);
    expect(cache.get('b1')).toBeDefined();
    cache.forgetAll();
    expect(cache.size).toBe(0);
  });
});
