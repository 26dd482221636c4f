import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDatabaseUrlFor, testDialect } from '../../test-support/database';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

// Two nodes share a database only on PostgreSQL (SQLite is one process's file; session-changes.test.ts
// runs the same two-node cases on both below the routes).
const postgres = testDialect() === 'postgres';
let a: TestPlatform;
let b: TestPlatform;
beforeAll(async () => {
  if (!postgres) return;
  const databaseUrl = await testDatabaseUrlFor();
  a = await createTestPlatform({ databaseUrl });
  b = await createTestPlatform({ databaseUrl });
});
afterAll(async () => {
  if (!postgres) return;
  await a.close();
  await b.close();
});

const me = (p: TestPlatform, token: string) => p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

test.runIf(postgres)('a sign-out on node A: A refuses the token at once, node B (which had it cached) within its catch-up, long before the cache would drop it', async () => {
  const { token } = await a.register('two_node_signout');
  const other = await a.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { handle: 'two_node_signout', password: 'correct horse' } });
  expect((await me(b, token)).statusCode).toBe(200);
  expect((await me(b, token)).statusCode).toBe(200); // served from B's cache now

  expect((await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
  expect((await me(a, token)).json()).toMatchObject({ error: { code: 'unauthorized' } });
  // No Redis between these nodes: B reads the sign-out from the log at its next catch-up (1 s).
  await expect.poll(async () => (await me(b, token)).statusCode, { timeout: 5000, interval: 50 }).toBe(401);
  expect((await me(b, other.json<{ token: string }>().token)).statusCode).toBe(200);
});
