import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatCode } from '@shared/domain/gifts/codes';
import type { ReceivedGift, SentGift, UnlockResponse } from '@shared/protocol/gifts';
import { giftsWorld, MERCHANT_KEY, type GiftsWorld } from './test-support';

let w: GiftsWorld;
beforeAll(async () => {
  w = await giftsWorld({ gifts: { autoConvertAfterMs: 60 * 60 * 1000, sendRate: { burst: 1000, perSecond: 1000 } } });
  await w.topUp(w.ana, 2000);
}, 60_000);
afterAll(() => w.close());

const merchant = (code: string) => w.call('POST', '/merchant/redeem', null, { code }, { authorization: `Bearer ${MERCHANT_KEY}` });

test('concurrent unlock and convert of one gift: exactly one wins, the money moves once', async () => {
  for (let round = 0; round < 5; round++) {
    const gift = await w.sendOk(w.ana, 'bundle-of-flowers');
    const before = await w.wallet(w.streamer);
    const results = await Promise.all([
      w.call('POST', `/gifts/${gift.id}/unlock`, w.streamer),
      w.call('POST', `/gifts/${gift.id}/convert`, w.streamer),
      w.call('POST', `/gifts/${gift.id}/convert`, w.streamer),
      w.call('POST', `/gifts/${gift.id}/unlock`, w.streamer),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!;
    const converted = 'diamonds' in winner.json<object>();
    expect((await w.wallet(w.streamer)).diamonds - before.diamonds).toBe(converted ? 27 : 0);
    expect((await w.call('GET', `/gifts/${gift.id}`, w.ana)).json<SentGift>().state).toBe(converted ? 'converted' : 'unlocked');
  }
});

test('100 concurrent redeems of one code at the merchant: exactly one succeeds, 99 are told it was used', async () => {
  const gift = await w.sendOk(w.ana, 'egg');
  const { code } = (await w.call('POST', `/gifts/${gift.id}/unlock`, w.streamer)).json<UnlockResponse>();
  const results = await Promise.all(Array.from({ length: 100 }, () => merchant(code)));
  expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
  expect(results.filter((r) => r.statusCode === 409 && r.json<{ error: { code: string } }>().error.code === 'code_used')).toHaveLength(99);
  // A well-formed code this merchant never issued.
  expect((await merchant(formatCode('FD', '1234567890123456789012345'))).json()).toMatchObject({ error: { code: 'code_unknown' } });
});

test('the streamer redeems through the platform (unlocking first); a converted gift has nothing to redeem', async () => {
  const gift = await w.sendOk(w.ana, 'soymilk');
  const redeemed = await w.call('POST', `/gifts/${gift.id}/redeem`, w.streamer);
  expect(redeemed.statusCode).toBe(200);
  expect(redeemed.json()).toEqual({ item: expect.objectContaining({ name: 'A cup of soymilk' }), redeemedAt: w.p.clock.now() });
  expect((await w.call('POST', `/gifts/${gift.id}/redeem`, w.streamer)).json()).toMatchObject({ error: { code: 'code_used' } });
  const other = await w.sendOk(w.ana, 'bread');
  await w.call('POST', `/gifts/${other.id}/convert`, w.streamer);
  expect((await w.call('POST', `/gifts/${other.id}/redeem`, w.streamer)).json()).toMatchObject({ error: { code: 'gift_claimed' } });
});

test('racing sends with one idempotency key make one gift and take the coins once', async () => {
  const before = await w.wallet(w.ana);
  const results = await Promise.all(Array.from({ length: 10 }, () => w.send(w.ana, 'bread-party', { idempotencyKey: 'same-key-race-1' })));
  expect(new Set(results.map((r) => r.json<SentGift>().id)).size).toBe(1);
  expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
  expect((await w.wallet(w.ana)).coins).toBe(before.coins - 36);
});

test('racing sends with one key when the coins cover one gift: every answer is that gift, none a shortfall', async () => {
  await w.topUp(w.ben, 36 - (await w.wallet(w.ben)).coins);
  const results = await Promise.all(Array.from({ length: 10 }, () => w.send(w.ben, 'bread-party', { idempotencyKey: 'same-key-race-2' })));
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  expect(new Set(results.map((r) => r.json<SentGift>().id)).size).toBe(1);
  expect(await w.wallet(w.ben)).toEqual({ coins: 0, diamonds: 0, heldCoins: 36 });
});

test('auto-convert: an unclaimed gift converts when its limit runs out (by the jobs), a claimed one does not convert again', async () => {
  // Earlier tests' unclaimed gifts convert first, so the diamonds below are this test's alone.
  w.p.clock.advance(60 * 60 * 1000);
  await w.p.runJobs();
  const unclaimed = await w.sendOk(w.ana, 'bundle-of-flowers');
  const claimed = await w.sendOk(w.ana, 'bundle-of-flowers');
  await w.call('POST', `/gifts/${claimed.id}/unlock`, w.streamer);
  const received = (await w.call('GET', `/gifts/${unclaimed.id}`, w.streamer)).json<ReceivedGift>();
  expect(received.autoConvertAt).toBe(unclaimed.sentAt + 60 * 60 * 1000);
  const before = (await w.wallet(w.streamer)).diamonds;
  w.p.clock.advance(60 * 60 * 1000 - 1);
  await w.p.runJobs();
  expect((await w.call('GET', `/gifts/${unclaimed.id}`, w.ana)).json<SentGift>().state).toBe('sent');
  w.p.clock.advance(1);
  await w.p.runJobs();
  expect((await w.call('GET', `/gifts/${unclaimed.id}`, w.ana)).json<SentGift>().state).toBe('converted');
  expect((await w.call('GET', `/gifts/${claimed.id}`, w.ana)).json<SentGift>().state).toBe('unlocked');
  expect((await w.wallet(w.streamer)).diamonds - before).toBe(27);
  expect((await w.call('POST', `/gifts/${unclaimed.id}/convert`, w.streamer)).statusCode).toBe(409);
});

test('a flood of sends from one viewer is rate-limited; every accepted gift exists and was paid for', async () => {
  const flood = await giftsWorld({ gifts: { sendRate: { burst: 5, perSecond: 0.001 } } });
  try {
    await flood.topUp(flood.ana, 1000);
    const results = await Promise.all(Array.from({ length: 20 }, () => flood.send(flood.ana, 'egg')));
    const accepted = results.filter((r) => r.statusCode === 201).map((r) => r.json<SentGift>());
    expect(accepted).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(15);
    const inbox = (await flood.call('GET', '/gifts/received', flood.streamer)).json<{ gifts: ReceivedGift[] }>().gifts;
    expect(inbox.map((g) => g.id).sort()).toEqual(accepted.map((g) => g.id).sort());
    expect(await flood.wallet(flood.ana)).toEqual({ coins: 1000 - 5 * 6, diamonds: 0, heldCoins: 5 * 6 });
  } finally {
    await flood.close();
  }
});
