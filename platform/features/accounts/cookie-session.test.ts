import type { FastifyReply, FastifyRequest, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '@shared/protocol/events';
import type { AuthResponse } from '@shared/protocol/index';
import { fromOwnOrigin, SESSION_COOKIE, sessionCookieToken, setSessionCookie } from '../../kernel/http/auth';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

// Fastify's inject arrives as http://localhost:80.
const OWN = 'http://localhost';
const EVIL = 'http://evil.example';

const cookieOf = (res: LightMyRequestResponse): string => {
  const header = res.headers['set-cookie'];
  const line = Array.isArray(header) ? header[0]! : String(header);
  return line;
};
const cookiePair = (res: LightMyRequestResponse): string => cookieOf(res).split(';')[0]!;

describe('web-app cookie sessions', () => {
  let p: TestPlatform;
  let cookie: string;
  beforeAll(async () => {
    p = await createTestPlatform();
    await p.register('ben_c');
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { origin: OWN },
      payload: { handle: 'ana_c', password: 'correct horse', displayName: 'Ana', session: 'cookie' },
    });
    expect(res.statusCode, res.body).toBe(201);
    cookie = cookiePair(res);
  });
  afterAll(() => p.close());

  const withCookie = (request: InjectOptions, headers: Record<string, string> = {}) => p.app.inject({ ...request, headers: { cookie, ...headers } });

  test('register/login with session: cookie set an HttpOnly, SameSite=Lax cookie (no Secure over http) and answer no token', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: OWN }, payload: { handle: 'ana_c', password: 'correct horse', session: 'cookie' } });
    expect(res.statusCode).toBe(200);
    const body = res.json<AuthResponse>();
    expect(body.token).toBe('');
    expect(body.user.handle).toBe('ana_c');
    const line = cookieOf(res);
    expect(line).toMatch(new RegExp(`^${SESSION_COOKIE}=pt_[A-Za-z0-9_-]+; `));
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Lax');
    expect(line).toContain('Path=/');
    expect(line).toMatch(/Max-Age=\d+/);
    expect(line).not.toContain('Secure');
  });

  test('without session: cookie nothing changes for the studio: a bearer token and no cookie', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'ana_c', password: 'correct horse' } });
    expect(res.statusCode).toBe(200);
    expect(res.json<AuthResponse>().token).toMatch(/^pt_/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('the cookie authenticates reads', async () => {
    const me = await withCookie({ method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { handle: 'ana_c' } });
    expect((await withCookie({ method: 'GET', url: '/api/v1/conversations' })).statusCode).toBe(200);
  });

  test('a cookie-authenticated mutation needs the platform’s own Origin (else 403 csrf); bearer calls are not checked', async () => {
    const open = { method: 'POST' as const, url: '/api/v1/conversations', payload: { withHandle: 'ben_c' } };
    expect((await withCookie(open, { origin: OWN })).statusCode).toBe(200);
    expect((await withCookie(open, { origin: 'http://localhost:80' })).statusCode).toBe(200);
    expect((await withCookie(open, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    const refused: Record<string, string>[] = [{ origin: EVIL }, {}, { origin: 'null' }, { origin: 'https://localhost' }, { origin: 'http://localhost:8080' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of refused) {
      const res = await withCookie(open, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
    }
    const bearer = (await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'ana_c', password: 'correct horse' } })).json<AuthResponse>().token;
    expect((await p.app.inject({ ...open, headers: { authorization: `Bearer ${bearer}`, origin: EVIL } })).statusCode).toBe(200);
  });

  test('a cookie session cannot be started from another origin (login CSRF)', async () => {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: EVIL }, payload: { handle: 'ana_c', password: 'correct horse', session: 'cookie' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'csrf' } });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test('a stale cookie is anonymous where signing in is optional and 401 where it is required', async () => {
    const stale = { cookie: `${SESSION_COOKIE}=pt_not_a_session_at_all` };
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/videos', headers: stale })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/me', headers: stale })).statusCode).toBe(401);
  });

  test('logout ends the session and clears the cookie', async () => {
    const login = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: OWN }, payload: { handle: 'ana_c', password: 'correct horse', session: 'cookie' } });
    const mine = cookiePair(login);
    const out = await p.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: mine, origin: OWN } });
    expect(out.statusCode).toBe(204);
    expect(cookieOf(out)).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: mine } })).statusCode).toBe(401);
    // The other cookie session is untouched.
    expect((await withCookie({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  test('the events socket accepts the cookie from the platform’s own origin only', async () => {
    const base = await p.app.listen({ port: 0, host: '127.0.0.1' });
    const me = (await withCookie({ method: 'GET', url: '/api/v1/me' })).json<{ user: { id: string } }>().user.id;
    const open = (origin: string) => {
      const received: ServerMessage[] = [];
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events`, { headers: { cookie, origin } });
      socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: [`user:${me}`] })));
      return { received, socket };
    };
    const own = open(base);
    const evil = open(EVIL);
    await expect.poll(() => own.received.find((m) => m.type === 'subscribed' || m.type === 'error'), { timeout: 15_000 }).toMatchObject({ type: 'subscribed' });
    expect(own.received[0]).toEqual({ type: 'ready', userId: me });
    await expect.poll(() => evil.received.find((m) => m.type === 'subscribed' || m.type === 'error'), { timeout: 15_000 }).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(evil.received[0]).toEqual({ type: 'ready', userId: null });
    own.socket.close();
    evil.socket.close();
  });
});

describe('cookie helpers', () => {
  test('Secure is set when the request came over https', () => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => void (headers[name] = value) } as unknown as FastifyReply;
    setSessionCookie(reply, { protocol: 'https' } as FastifyRequest, 'pt_abc', 90_000);
    expect(headers['set-cookie']).toBe(`${SESSION_COOKIE}=pt_abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=90; Secure`);
  });

  test('the session token is read from among other cookies; malformed values are ignored', () => {
    expect(sessionCookieToken({ headers: { cookie: `a=1; ${SESSION_COOKIE}=pt_x-Y_z; b=2` } })).toBe('pt_x-Y_z');
    expect(sessionCookieToken({ headers: { cookie: `${SESSION_COOKIE}x=pt_1` } })).toBeNull();
    expect(sessionCookieToken({ headers: { cookie: `${SESSION_COOKIE}=pt 1;` } })).toBeNull();
    expect(sessionCookieToken({ headers: {} })).toBeNull();
  });

  test('own origin: scheme and host must match the request (default ports folded)', () => {
    const req = (origin: string | undefined, protocol: 'http' | 'https' = 'https', host = 'studio.example.com') =>
      ({ headers: origin === undefined ? {} : { origin }, protocol, host }) as FastifyRequest;
    expect(fromOwnOrigin(req('https://studio.example.com'))).toBe(true);
    expect(fromOwnOrigin(req('https://studio.example.com:443'))).toBe(true);
    expect(fromOwnOrigin(req('http://studio.example.com'))).toBe(false);
    expect(fromOwnOrigin(req('https://evil.studio.example.com'))).toBe(false);
    expect(fromOwnOrigin(req('not a url'))).toBe(false);
    expect(fromOwnOrigin(req(undefined))).toBe(false);
  });
});
