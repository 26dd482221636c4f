import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes, API_PREFIX } from '@shared/protocol/index';
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
