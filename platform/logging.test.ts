import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import type { AuthResponse } from '@shared/protocol/index';
import { buildPlatform } from './app';
import { platformLogger } from './kernel/http/logging';
import { testDatabaseUrlFor } from './test-support/database';

const PASSWORD = 'sekrit-horse-battery';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A platform whose pino output is kept, at `level`. */
async function capturing(level: string): Promise<{ app: FastifyInstance; text: () => string; lines: () => Record<string, unknown>[] }> {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'));
      done();
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-logs-'));
  dirs.push(dataDir);
  const app = await buildPlatform({ dataDir, databaseUrl: await testDatabaseUrlFor(), seed: null, mediaTools: null, scryptCost: { N: 1024, r: 8, p: 1 } }, platformLogger(level, stream));
  const text = () => raw.join('');
  return {
    app,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Register, sign in, use the token, fail a sign-in, ask for a rebound host. */
async function traffic(app: FastifyInstance): Promise<string> {
  const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: 'logged', password: PASSWORD, displayName: 'L' } })).json<AuthResponse>().token;
  await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'logged', password: PASSWORD } });
  await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  await app.inject({ method: 'GET', url: `/api/v1/videos?token=${token}` });
  await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'logged', password: `${PASSWORD}-wrong` } });
  await app.inject({ method: 'GET', url: '/api/v1/items', headers: { host: 'rebound.example' } });
  return token;
}

describe('platform logs', () => {
  test('at info: no line per request, but failed sign-ins and refused hosts are there (warn); never a password or token', async () => {
    const { app, text, lines } = await capturing('info');
    try {
      const token = await traffic(app);
      const logged = lines();
      expect(logged.filter((l) => l.msg === 'request' || l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
      expect(logged.find((l) => l.event === 'login_failed')).toMatchObject({ level: 40, handle: 'logged' });
      expect(logged.find((l) => l.event === 'host_refused')).toMatchObject({ level: 40, host: 'rebound.example' });
      expect(text()).not.toContain(PASSWORD);
      expect(text()).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  test('at debug: one line per request with method, path (no query), status; still no secrets', async () => {
    const { app, text, lines } = await capturing('debug');
    try {
      const token = await traffic(app);
      const requests = lines().filter((l) => l.msg === 'request');
      expect(requests).toHaveLength(6);
      expect(requests[0]).toMatchObject({ level: 20, method: 'POST', path: '/api/v1/auth/register', status: 201 });
      expect(requests.map((r) => r.path)).toContain('/api/v1/videos');
      expect(text()).not.toContain(PASSWORD);
      expect(text()).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  test('pino redaction catches secrets in logged objects too', async () => {
    const { app, text } = await capturing('info');
    try {
      app.log.warn({ password: PASSWORD, nested: { token: 'pt_leak', streamKey: 'live_key' }, req: { headers: { authorization: 'Bearer pt_leak2' } } }, 'careless');
      expect(text()).toContain('careless');
      for (const secret of [PASSWORD, 'pt_leak', 'live_key', 'pt_leak2']) expect(text()).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
