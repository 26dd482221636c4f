import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConvertResponse, GiftMenu, Redemption, SentGift, UnlockResponse } from '@shared/protocol/gifts';
import { giftsWorld, MERCHANT_KEY, type GiftsWorld } from './test-support';

let w: GiftsWorld;
beforeAll(async () => {
  w = await giftsWorld({ gifts: { freePerDay: 2 } });
  await w.topUp(w.ana, 500);
}, 60_000);
afterAll(() => w.close());

const merchant = (code: string, key = MERCHANT_KEY) => w.call('POST', '/merchant/redeem', null, { code }, { authorization: `Bearer ${key}` });

describe('gift menu', () => {
  test('at 08:30 room time: breakfast open until 09:00, lunch and dinner closed with their next window, flowers always open, the free Heart with its allowance', async () => {
    const menu = (await w.call('GET', `/rooms/${w.room.id}/gift-menu`, w.ben)).json<GiftMenu>();
    const entry = (id: string) => menu.gifts.find((g) => g.id === id)!;
    expect(menu.timeZone).toBe('Asia/Shanghai');
    expect(menu.gifts.map((g) => g.name)).toEqual([
      'Egg',
      'Bread',
      'Soymilk',
      'Fried dough stick',
      'Bread party',
      'Midday in flame',
      'Noodle bowl',
      'Hot pot',
      'Happy birthday',
      'A bundle of flowers',
      'Heart',
    ]);
    expect(entry('bread-party')).toMatchObject({ coinPrice: 36, diamondValue: 36, open: true, closesAt: Date.parse('2026-11-22T01:00:00Z') });
    expect(entry('noodle-bowl')).toMatchObject({ open: false, nextOpensAt: Date.parse('2026-11-22T03:00:00Z') });
    expect(entry('hot-pot')).toMatchObject({ open: false, nextOpensAt: Date.parse('2026-11-22T10:00:00Z') });
    expect(entry('bundle-of-flowers').open).toBe(true);
    expect(entry('bundle-of-flowers').closesAt).toBeUndefined();
    expect(entry('heart')).toMatchObject({ coinPrice: 0, open: true, freeLeftToday: 2 });
    expect((await w.call('GET', `/rooms/room_0000000000/gift-menu`)).statusCode).toBe(404);
  });
});

describe('sending', () => {
  test('a breakfast gift with a message: coins held at once, the sender sees it without any code; a replay answers the first gift; another body is 409', async () => {
    const res = await w.send(w.ana, 'bread-party', { message: 'Good morning!', idempotencyKey: 'breakfast-0001' });
    expect(res.statusCode).toBe(201);
    const gift = res.json<SentGift>();
    expect(gift).toMatchObject({ giftId: 'bread-party', name: 'Bread party', coinPrice: 36, message: 'Good morning!', state: 'sent', roomId: w.room.id, thanks: null });
    expect(JSON.stringify(gift)).not.toMatch(/code/i);
    expect(await w.wallet(w.ana)).toEqual({ coins: 464, diamonds: 0, heldCoins: 36 });
    const replay = await w.send(w.ana, 'bread-party', { message: 'Good morning!', idempotencyKey: 'breakfast-0001' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<SentGift>().id).toBe(gift.id);
    expect((await w.send(w.ana, 'egg', { idempotencyKey: 'breakfast-0001' })).json()).toMatchObject({ error: { code: 'idempotency_conflict' } });
    expect((await w.wallet(w.ana)).coins).toBe(464);
  });

  test('refusals: short of coins (402 with the shortfall), unknown gift, message over 140, own room, no session', async () => {
    const poor = await w.send(w.ben, 'bread-party');
    expect(poor.statusCode).toBe(402);
    expect(poor.json()).toEqual({ error: { code: 'insufficient_funds', message: expect.stringContaining('36'), shortfall: 36 } });
    expect((await w.send(w.ana, 'caviar')).statusCode).toBe(404);
    const long = await w.send(w.ana, 'egg', { message: 'x'.repeat(141) });
    expect(long.statusCode).toBe(400);
    expect((await w.send(w.ana, 'egg', { message: '🍳'.repeat(140) })).statusCode).toBe(201);
    expect((await w.send(w.streamer, 'heart')).statusCode).toBe(400);
    expect((await w.call('POST', `/rooms/${w.room.id}/gifts`, null, { giftId: 'egg', idempotencyKey: 'anonymous-1' })).statusCode).toBe(401);
  });

  test('free Hearts: allowed per viewer per room per local day, then 429 free_gift_limit; a new local day in the room’s zone gives it back', async () => {
    expect((await w.send(w.ben, 'heart')).statusCode).toBe(201);
    expect((await w.send(w.ben, 'heart')).statusCode).toBe(201);
    const third = await w.send(w.ben, 'heart');
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: { code: 'free_gift_limit' } });
    expect((await w.send(w.ana, 'heart')).statusCode).toBe(201);
    expect((await w.call('GET', `/rooms/${w.room.id}/gift-menu`, w.ben)).json<GiftMenu>().gifts.find((g) => g.id === 'heart')!.freeLeftToday).toBe(0);
    // Midnight in Shanghai (16:00Z): a new local day, a new allowance.
    w.at('2026-11-22T15:59:59Z');
    expect((await w.send(w.ben, 'heart')).statusCode).toBe(429);
    w.at('2026-11-22T16:00:00Z');
    expect((await w.send(w.ben, 'heart')).statusCode).toBe(201);
  });
});

describe('the streamer’s actions', () => {
  test('convert: 36 → 27 diamonds, the platform keeps 9; only the receiving streamer; never twice, never after unlock', async () => {
    const flowers = await w.sendOk(w.ana, 'bundle-of-flowers');
    expect((await w.call('POST', `/gifts/${flowers.id}/convert`, w.ana)).statusCode).toBe(403);
    expect((await w.call('POST', `/gifts/${flowers.id}/convert`, w.ben)).statusCode).toBe(404);
    const converted = await w.call('POST', `/gifts/${flowers.id}/convert`, w.streamer);
    expect(converted.statusCode).toBe(200);
    expect(converted.json<ConvertResponse>()).toEqual({ diamonds: 27, platformCut: 9 });
    expect((await w.wallet(w.streamer)).diamonds).toBe(27);
    expect((await w.call('POST', `/gifts/${flowers.id}/convert`, w.streamer)).json()).toMatchObject({ error: { code: 'gift_claimed' } });
    expect((await w.call('POST', `/gifts/${flowers.id}/unlock`, w.streamer)).statusCode).toBe(409);
    expect((await w.call('GET', `/gifts/${flowers.id}`, w.ana)).json<SentGift>().state).toBe('converted');
  });

  test('unlock reveals a code once; the sandbox merchant redeems it once; forged, unknown, used and expired codes are clear 4xx', async () => {
    w.at('2026-11-23T00:30:00Z');
    const egg = await w.sendOk(w.ana, 'egg');
    const unlocked = await w.call('POST', `/gifts/${egg.id}/unlock`, w.streamer);
    expect(unlocked.statusCode).toBe(200);
    const { code, item, expiresAt } = unlocked.json<UnlockResponse>();
    expect(code).toMatch(/^FD( [0-9]{5}){5} [A-Z]{3}$/);
    expect(item).toEqual({ name: 'A boiled egg', description: expect.any(String), merchant: 'sandbox' });
    expect(expiresAt).toBeGreaterThan(w.p.clock.now());
    expect((await w.call('POST', `/gifts/${egg.id}/unlock`, w.streamer)).statusCode).toBe(409);
    expect((await w.call('POST', `/gifts/${egg.id}/convert`, w.streamer)).statusCode).toBe(409);
    expect((await w.wallet(w.streamer)).diamonds).toBe(27);

    expect((await w.call('POST', '/merchant/redeem', null, { code })).statusCode).toBe(401);
    expect((await merchant(code, 'wrong-key-wrong-key')).statusCode).toBe(401);
    const redeemed = await merchant(code.toLowerCase());
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json<Redemption>()).toEqual({ item, redeemedAt: w.p.clock.now() });
    expect((await merchant(code)).json()).toMatchObject({ error: { code: 'code_used' } });
    const digits = code.replace(/\D/g, '');
    const typo = `FD ${(Number(digits[0]) + 1) % 10}${digits.slice(1)} ${code.slice(-3)}`;
    expect((await merchant(typo)).json()).toMatchObject({ error: { code: 'code_malformed' } });
    expect((await merchant('FD 12345 67890 12345 67890 12345 ZZZ')).statusCode).toBe(400);

    const bread = await w.sendOk(w.ana, 'bread');
    const second = (await w.call('POST', `/gifts/${bread.id}/unlock`, w.streamer)).json<UnlockResponse>();
    w.at(new Date(second.expiresAt).toISOString());
    const expired = await merchant(second.code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: { code: 'code_expired' } });
  });
});
