import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ uploadLimits: { maxOpenPerAccount: 3, maxBytesPerAccount: 10_000 } });
});
afterAll(() => p.close());

const create = (token: string, length: number) =>
  p.app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-length': String(length) } });
const remove = (token: string, location: string) => p.app.inject({ method: 'DELETE', url: location, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });

describe('per-account cap on open uploads', () => {
  test('the 4th open upload is refused with 429 too_many_uploads; another account is unaffected; deleting one frees a slot', async () => {
    const { token } = await p.register('hoarder');
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await create(token, 100));
    expect(created.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const fourth = await create(token, 100);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toMatchObject({ error: { code: 'too_many_uploads', message: expect.stringMatching(/at most 3/) } });
    expect((await create((await p.register('neighbour')).token, 100)).statusCode).toBe(201);
    expect((await remove(token, String(created[0]!.headers.location))).statusCode).toBe(204);
    expect((await create(token, 100)).statusCode).toBe(201);
  });

  test('declared bytes count: 6,000 + 5,000 > 10,000 is refused, 4,000 more fits', async () => {
    const { token } = await p.register('big_declarer');
    expect((await create(token, 6000)).statusCode).toBe(201);
    const over = await create(token, 5000);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: { code: 'too_many_uploads', message: expect.stringMatching(/10000 bytes/) } });
    expect((await create(token, 4000)).statusCode).toBe(201);
  });

  test('racing creations cannot overshoot: 10 at once → exactly 3 created', async () => {
    const { token } = await p.register('racer');
    const codes = (await Promise.all(Array.from({ length: 10 }, () => create(token, 10)))).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });
});
