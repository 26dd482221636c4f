import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TopUpResponse, Wallet } from '@shared/protocol/wallet';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.close());

test('the platform serves the wallet to a signed-in account, on the run’s database', async () => {
  const { token } = await p.register('walleted');
  const headers = { authorization: `Bearer ${token}` };
  const topUp = await p.app.inject({ method: 'POST', url: '/api/v1/wallet/top-up', headers, payload: { coins: 120, idempotencyKey: 'first-purchase' } });
  expect(topUp.statusCode).toBe(201);
  expect(topUp.json<TopUpResponse>().wallet).toEqual({ coins: 120, diamonds: 0, heldCoins: 0 });
  expect((await p.app.inject({ method: 'POST', url: '/api/v1/wallet/top-up', headers, payload: { coins: 120, idempotencyKey: 'first-purchase' } })).statusCode).toBe(200);
  expect((await p.app.inject({ method: 'GET', url: '/api/v1/wallet', headers })).json<Wallet>()).toEqual({ coins: 120, diamonds: 0, heldCoins: 0 });
  expect((await p.app.inject({ method: 'GET', url: '/api/v1/wallet' })).statusCode).toBe(401);
});
