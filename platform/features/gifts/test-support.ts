import type { LightMyRequestResponse } from 'fastify';
import type { Room } from '@shared/protocol/rooms';
import type { SentGift } from '@shared/protocol/gifts';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

export const MERCHANT_KEY = 'test-merchant-key-0123456789';

export interface Person {
  readonly id: string;
  readonly handle: string;
  readonly token: string;
}

export interface GiftsWorld {
  readonly p: TestPlatform;
  readonly streamer: Person;
  readonly ana: Person;
  readonly ben: Person;
  readonly room: Room;
  /** Moves the test clock to an instant (never backwards). */
  at(iso: string): void;
  call(method: 'GET' | 'POST', url: string, who?: Person | null, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  topUp(who: Person, coins: number): Promise<void>;
  send(who: Person, giftId: string, extra?: { message?: string; idempotencyKey?: string; roomId?: string }): Promise<LightMyRequestResponse>;
  sendOk(who: Person, giftId: string, extra?: { message?: string; idempotencyKey?: string; roomId?: string }): Promise<SentGift>;
  wallet(who: Person): Promise<{ coins: number; diamonds: number; heldCoins: number }>;
  close(): Promise<void>;
}

let keys = 0;

/**
 * A platform (seeded gift catalog) with a streamer live in an Asia/Shanghai room and two viewers,
 * the clock at 08:30 Shanghai time (breakfast open) on 2026-11-22.
 */
export async function giftsWorld(options: Parameters<typeof createTestPlatform>[0] = {}): Promise<GiftsWorld> {
  const p = await createTestPlatform({ sandboxMerchantKey: MERCHANT_KEY, ...options });
  const person = async (handle: string): Promise<Person> => {
    const auth = await p.register(handle);
    return { id: auth.user.id, handle: auth.user.handle, token: auth.token };
  };
  const call = (method: 'GET' | 'POST', url: string, who: Person | null = null, payload?: unknown, headers: Record<string, string> = {}) =>
    p.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who ? { authorization: `Bearer ${who.token}` } : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const at = (iso: string): void => {
    const target = Date.parse(iso);
    if (target < p.clock.now()) throw new Error(`the test clock cannot go back to ${iso}`);
    p.clock.advance(target - p.clock.now());
  };
  at('2026-11-22T00:30:00Z');
  const [streamer, ana, ben] = [await person('streamer'), await person('ana'), await person('ben')];
  const opened = await call('POST', '/rooms', streamer, { title: 'Breakfast live', timeZone: 'Asia/Shanghai' });
  if (opened.statusCode !== 201) throw new Error(`open room: ${opened.statusCode} ${opened.body}`);
  const room = opened.json<Room>();
  const send = (who: Person, giftId: string, extra: { message?: string; idempotencyKey?: string; roomId?: string } = {}) =>
    call('POST', `/rooms/${extra.roomId ?? room.id}/gifts`, who, {
      giftId,
      idempotencyKey: extra.idempotencyKey ?? `gift-key-${++keys}`,
      ...(extra.message === undefined ? {} : { message: extra.message }),
    });
  return {
    p,
    streamer,
    ana,
    ben,
    room,
    at,
    call,
    async topUp(who, coins) {
      const res = await call('POST', '/wallet/top-up', who, { coins, idempotencyKey: `top-up-${++keys}` });
      if (res.statusCode !== 201) throw new Error(`top-up: ${res.statusCode} ${res.body}`);
    },
    send,
    async sendOk(who, giftId, extra = {}) {
      const res = await send(who, giftId, extra);
      if (res.statusCode !== 201) throw new Error(`send ${giftId}: ${res.statusCode} ${res.body}`);
      return res.json<SentGift>();
    },
    async wallet(who) {
      return (await call('GET', '/wallet', who)).json();
    },
    close: () => p.close(),
  };
}
