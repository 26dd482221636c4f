import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuthResponse } from '@shared/protocol/index';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ tokenTtlMs: 60 * 60 * 1000 });
});
afterAll(() => p.close());

const me = (token: string) => p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
const login = (handle: string, password: string) => p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle, password } });

describe('accounts', () => {
  test('register → token that opens /me; the handle is normalised', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: ' Maya_K ', password: 'long enough', displayName: '  Maya   K ' } });
    expect(res.statusCode).toBe(201);
    const body = res.json<AuthResponse>();
    expect(body.user).toMatchObject({ handle: 'maya_k', displayName: 'Maya K' });
    expect(body.expiresAt).toBe(p.clock.now() + 60 * 60 * 1000);
    expect((await me(body.token)).json()).toEqual({ user: body.user });
  });

  test('a taken handle → 409 handle_taken', async () => {
    await p.register('dup_handle');
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: 'DUP_handle', password: 'long enough', displayName: 'x' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'handle_taken' } });
  });

  test.each([
    [{ handle: 'ab', password: 'long enough', displayName: 'x' }, /body\.handle/],
    [{ handle: 'okay_name', password: 'short', displayName: 'x' }, /body\.password: A password has at least 8/],
    [{ handle: 'okay_name', password: 'long enough', displayName: '   ' }, /body\.displayName/],
    [{ handle: 'okay_name', password: 'long enough' }, /body\.displayName/],
  ])('register with a bad field → 400 naming it (%o)', async (payload, message) => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringMatching(message) } });
  });

  test('malformed JSON → 400 in the error shape', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"handle":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('login with the right password works; wrong password or unknown handle → the same 401', async () => {
    await p.register('lena');
    expect((await login('lena', 'correct horse')).statusCode).toBe(200);
    const wrong = await login('lena', 'wrong horse');
    const unknown = await login('nobody_here', 'wrong horse');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  test('the seeded demo viewers can sign in', async () => {
    expect((await login('viewer_ana', 'demo-viewer-pass')).statusCode).toBe(200);
  });

  test('an expired token → 401 token_expired, even one the node has cached; a fresh login works again', async () => {
    const { token } = await p.register('sleepy');
    expect((await me(token)).statusCode).toBe(200);
    p.clock.advance(60 * 60 * 1000 + 1);
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'token_expired' } });
    const again = (await login('sleepy', 'correct horse')).json<AuthResponse>();
    expect((await me(again.token)).statusCode).toBe(200);
  });

  test('logout ends that session only', async () => {
    await p.register('twice');
    const a = (await login('twice', 'correct horse')).json<AuthResponse>().token;
    const b = (await login('twice', 'correct horse')).json<AuthResponse>().token;
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${a}` } })).statusCode).toBe(204);
    expect((await me(a)).json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await me(b)).statusCode).toBe(200);
  });

  test('a garbage Authorization header → 401, never 500', async () => {
    for (const header of ['Basic abc', 'Bearer', 'Bearer not-a-token']) {
      const res = await p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: header } });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('rate limit on auth routes', () => {
  test('the 4th login attempt in the window → 429 rate_limited', async () => {
    const limited = await createTestPlatform({ authRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'viewer_ana', password: 'nope-nope' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'viewer_ana', password: 'nope-nope' } });
      expect(res.json()).toMatchObject({ error: { code: 'rate_limited' } });
      // Other routes are not limited.
      expect((await limited.app.inject({ method: 'GET', url: '/api/v1/items' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
