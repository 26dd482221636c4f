import { afterAll, beforeAll, expect, test } from 'vitest';
import { orderRoutes, type CreatorPage, type CustomizationStatus, type ExitResponse } from '@shared/protocol/orders';
import { sampleVideo } from '../../test-support/fixtures';
import { createOrdersTestPlatform, orderOf, type OrdersTestPlatform } from './test-support';

let p: OrdersTestPlatform;
beforeAll(async () => {
  p = await createOrdersTestPlatform();
});
afterAll(() => p.close());

const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;

test('never set up → draft → published (pushed) → receiving off (pushed) → re-published content → exit', async () => {
  const { token, user } = await p.register('kim');
  const get = async () => (await p.api(token, 'GET', '/creators/me/customization')).json<CustomizationStatus>();
  expect(await get()).toEqual({ state: 'never', receiving: false, draft: null, published: null, publishedAt: null, openOrders: 0 });
  expect((await p.api(null, 'GET', '/creators/kim')).json<CreatorPage>()).toMatchObject({
    creator: { handle: 'kim' },
    customization: null,
    notOrderableReason: 'This creator does not offer custom videos',
    rating: { average: null, count: 0 },
    comments: [],
  });
  expect(code(await p.api(token, 'POST', '/creators/me/customization/publish'))).toBe('invalid_state');

  const intro = await p.upload(token, sampleVideo().mp4);
  const saved = await p.api(token, 'PUT', '/creators/me/customization', { priceCoins: 120, description: ' Songs for any occasion ', introUploadId: intro, maxOpenOrders: 3 });
  expect(saved.statusCode).toBe(200);
  expect(saved.json<CustomizationStatus>()).toMatchObject({
    state: 'draft',
    draft: { priceCoins: 120, description: 'Songs for any occasion', introUploadId: intro, maxOpenOrders: 3 },
    published: null,
  });
  // A draft is not what viewers see.
  expect((await p.api(null, 'GET', '/creators/kim')).json<CreatorPage>().customization).toBeNull();

  const published = (await p.api(token, 'POST', '/creators/me/customization/publish')).json<CustomizationStatus>();
  expect(published).toMatchObject({ state: 'published', receiving: true, published: { priceCoins: 120, receiving: true }, publishedAt: p.clock.now() });
  const page = (await p.api(null, 'GET', '/creators/kim')).json<CreatorPage>();
  expect(page).toMatchObject({
    customization: { priceCoins: 120, description: 'Songs for any occasion', state: 'published', receiving: true, introPath: '/creators/kim/intro' },
    notOrderableReason: null,
  });
  const introVideo = await p.app.inject({ method: 'GET', url: '/api/v1/creators/kim/intro', headers: { range: 'bytes=0-99' } });
  expect([introVideo.statusCode, introVideo.rawPayload.equals(sampleVideo().mp4.subarray(0, 100))]).toEqual([206, true]);
  // The creator looking at their own page cannot order.
  expect((await p.api(token, 'GET', '/creators/kim')).json<CreatorPage>().notOrderableReason).toBe('You cannot order a video from yourself');

  // Editing is a draft until re-published; the switch acts at once.
  await p.api(token, 'PUT', '/creators/me/customization', { priceCoins: 150, description: 'Songs for any occasion', introUploadId: intro, receiving: false });
  expect((await p.api(null, 'GET', '/creators/kim')).json<CreatorPage>()).toMatchObject({
    customization: { priceCoins: 120, receiving: false },
    notOrderableReason: 'This creator is not receiving requests right now',
  });
  await p.api(token, 'PUT', '/creators/me/customization', { priceCoins: 150, description: 'Songs for any occasion', introUploadId: intro, receiving: true });
  expect((await p.api(token, 'POST', '/creators/me/customization/publish')).json<CustomizationStatus>()).toMatchObject({ published: { priceCoins: 150 }, receiving: true });

  const pushed = (await p.events('public')).filter((e) => e.type === 'customization.updated' && e.data.creatorId === user.id).map((e) => [e.data.state, e.data.receiving, e.data.priceCoins]);
  expect(pushed).toEqual([
    ['published', true, 120],
    ['published', false, 120],
    ['published', true, 120],
    ['published', true, 150],
  ]);

  // Exit with an open order: first answer lists it and changes nothing; confirmed, no new orders, the open one stays deliverable.
  const viewer = await p.viewer('kim_fan', 500);
  const open = orderOf(await p.order(viewer, 'kim'));
  const first = (await p.api(token, 'POST', '/creators/me/customization/exit', {})).json<ExitResponse>();
  expect(first).toMatchObject({ exited: false, openOrders: [{ id: open.id }], customization: { state: 'published', openOrders: 1 } });
  const confirmed = (await p.api(token, 'POST', '/creators/me/customization/exit', { confirmOpenOrders: true })).json<ExitResponse>();
  expect(confirmed).toMatchObject({ exited: true, customization: { state: 'exited', receiving: false } });
  expect(code(await p.order(viewer, 'kim'))).toBe('not_receiving');
  expect((await p.api(null, 'GET', '/creators/kim')).json<CreatorPage>().notOrderableReason).toBe('This creator has left video customization');
  expect((await p.api(token, 'POST', `/orders/${open.id}/accept`)).statusCode).toBe(200);
  const sent = await p.api(token, 'POST', `/orders/${open.id}/deliver`, { uploadId: await p.upload(token, sampleVideo().mp4), idempotencyKey: 'after-exit-1' });
  expect(orderOf(sent).state).toBe('delivered');
  expect(code(await p.api(token, 'POST', '/creators/me/customization/exit', { confirmOpenOrders: true }))).toBe('invalid_state');
  // Coming back: publishing again opens for requests.
  expect((await p.api(token, 'POST', '/creators/me/customization/publish')).json<CustomizationStatus>()).toMatchObject({ state: 'published', receiving: true });
  expect(await p.checkLedger()).toMatchObject({ ok: true });
});

test('the cap on open orders refuses the next order until one closes', async () => {
  const lee = await p.creator('lee', { priceCoins: 10, maxOpenOrders: 1 });
  const fan = await p.viewer('lee_fan', 100);
  const first = orderOf(await p.order(fan, 'lee'));
  expect(code(await p.order(fan, 'lee'))).toBe('not_receiving');
  await p.api(lee, 'POST', `/orders/${first.id}/refuse`, { reason: 'full' });
  expect((await p.order(fan, 'lee')).statusCode).toBe(201);
});

test('bad service input: prices out of 1–100,000, empty or long description, a cap out of range, someone else’s intro', async () => {
  const { token } = await p.register('moo');
  const other = await p.register('moo_other');
  for (const body of [
    { priceCoins: 0 },
    { priceCoins: -5 },
    { priceCoins: 100_001 },
    { priceCoins: 1.5 },
    { description: '' },
    { description: 'x'.repeat(2001) },
    { maxOpenOrders: 0 },
    { introUploadId: 'nope' },
  ]) {
    const res = await p.api(token, 'PUT', '/creators/me/customization', { priceCoins: 10, description: 'ok', ...body });
    expect([res.statusCode, code(res)], JSON.stringify(body)).toEqual([400, 'validation_failed']);
  }
  const foreign = await p.upload(other.token, Buffer.from('theirs'));
  expect(code(await p.api(token, 'PUT', '/creators/me/customization', { priceCoins: 10, description: 'ok', introUploadId: foreign }))).toBe('not_found');
  expect((await p.api(null, 'GET', '/creators/me/customization')).statusCode).toBe(401);
  expect((await p.api(null, 'GET', '/creators/nobody-at-all')).statusCode).toBe(404);
  expect((await p.api(null, 'GET', '/creators/moo/intro')).statusCode).toBe(404);
});

test('every orders route is in the OpenAPI document', async () => {
  const doc = (await p.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  for (const spec of Object.values(orderRoutes)) {
    const path = `/api/v1${spec.path.replace(/:([a-zA-Z]+)/g, '{$1}')}`;
    expect(doc.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${path}`).toBeDefined();
  }
  for (const binary of ['/api/v1/orders/{id}/video', '/api/v1/creators/{handle}/intro', '/api/v1/order-shares/{token}/video']) expect(doc.paths[binary]?.get, binary).toBeDefined();
});
