import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

let p: TestPlatform;
let url: string;
beforeAll(async () => {
  p = await createTestPlatform({ allowedHosts: ['studio.example.com'] });
  url = await p.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => p.close());

/** node:http, since fetch will not send a Host of our choosing. */
const get = (host: string): Promise<{ status: number; json: () => unknown }> =>
  new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/items`, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });

test('a rebound name (Host: the attacker’s domain on 127.0.0.1) → 421 host_not_allowed, over a real socket', async () => {
  const port = new URL(url).port;
  const res = await get(`evil.example:${port}`);
  expect(res.status).toBe(421);
  expect(res.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
  expect((await get('127.0.0.1.evil.example')).status).toBe(421);
});

test('loopback forms, the bound address and configured names are served', async () => {
  const port = new URL(url).port;
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, 'studio.example.com', 'STUDIO.example.com:443']) {
    expect((await get(host)).status, host).toBe(200);
  }
  expect((await fetch(`${url}/api/v1/items`)).status).toBe(200);
});
