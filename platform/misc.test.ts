import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes, API_PREFIX } from '../shared/protocol/index';
import { parseServerConfig } from './config';
import { parseRange } from './routes/media-routes';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

describe('OpenAPI', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform();
  });
  afterAll(() => p.close());

  test('documents every JSON route from the zod schemas, and serves the UI', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    for (const spec of Object.values(routes)) {
      const openApiPath = API_PREFIX + spec.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      expect(doc.paths[openApiPath]?.[spec.method.toLowerCase()], `${spec.method} ${openApiPath}`).toBeDefined();
    }
    const register = doc.paths['/api/v1/auth/register']!.post!.requestBody as { content: { 'application/json': { schema: { required: string[] } } } };
    expect(register.content['application/json'].schema.required).toEqual(['handle', 'password', 'displayName']);
    expect((await p.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  test('an unknown route → 404 in the error shape', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('parseRange', () => {
  test.each([
    [undefined, 100, null],
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-1000', 100, { start: 0, end: 99 }],
    ['bytes=0-1000', 100, { start: 0, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=5-2', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
  ] as const)('%s of %d bytes → %o', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('server config', () => {
  test('flags win over env; loopback by default', () => {
    expect(parseServerConfig(['--port', '8123', '--data-dir', '/d', '--no-seed'], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({ port: 8123, host: '127.0.0.1', dataDir: '/d', seed: false });
    expect(parseServerConfig([], { PLATFORM_PORT: '9', PLATFORM_DATA_DIR: '/e' }, '/default')).toEqual({ port: 9, host: '127.0.0.1', dataDir: '/e', seed: true });
  });

  test('refuses a public address unless told, and bad values', () => {
    expect(() => parseServerConfig(['--host', '0.0.0.0'], {}, '/d')).toThrow(/allow-remote/);
    expect(parseServerConfig(['--host', '0.0.0.0', '--allow-remote'], {}, '/d').host).toBe('0.0.0.0');
    expect(() => parseServerConfig(['--port', 'eighty'], {}, '/d')).toThrow(/port/);
    expect(() => parseServerConfig(['--bogus'], {}, '/d')).toThrow(/unknown argument/);
  });
});
