import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LiveState } from '@shared/ipc/nouns/live';
import type { AuthResponse } from '@shared/protocol/auth';
import type { ReceivedGift, SentGift } from '@shared/protocol/gifts';
import { sampleVideo } from '@platform/test-support/fixtures';
import { createTestPlatform, type TestPlatform } from '@platform/test-support/harness';
import { createMemoryLogger } from '../logger';
import { makeRecorderWebm, requireTools } from '../media/test-inputs';
import type { AccountState } from '../sync/account-client';
import { LiveService, type LiveAccount, type LiveServiceOptions } from './live-service';
import { THANKS_CLIP_FILE, ThanksClips } from './thanks-clip';

let platform: TestPlatform;
let port: number;
beforeAll(async () => {
  platform = await createTestPlatform({ gifts: { sendRate: { burst: 1000, perSecond: 1000 } } });
  port = Number(new URL(await platform.app.listen({ port: 0, host: '127.0.0.1' })).port);
}, 60_000);
afterAll(() => platform.close());

/**
 * A loopback TCP proxy in front of the platform: `drop()` cuts every connection through it and
 * refuses new ones until `restore()` — the studio's network going away and coming back.
 */
async function proxy(): Promise<{ url: string; drop(): void; restore(): void; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    drop() {
      refusing = true;
      for (const s of open) s.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function accountOf(auth: AuthResponse): LiveAccount {
  const state: AccountState = { signedIn: true, user: auth.user, expiresAt: auth.expiresAt };
  return { token: () => auth.token, state: () => state, onChange: () => () => undefined };
}

async function api<T>(method: 'GET' | 'POST', url: string, token: string | null, payload?: object): Promise<{ status: number; body: T }> {
  const res = await platform.app.inject({ method, url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
}

let keys = 0;
async function viewer(handle: string, coins: number): Promise<AuthResponse> {
  const auth = await platform.register(handle);
  expect((await api('POST', '/wallet/top-up', auth.token, { coins, idempotencyKey: `top-up-${handle}-0001` })).status).toBe(201);
  return auth;
}
async function send(who: AuthResponse, roomId: string, giftId: string, message?: string): Promise<SentGift> {
  const res = await api<SentGift>('POST', `/rooms/${roomId}/gifts`, who.token, { giftId, idempotencyKey: `live-test-${++keys}`, ...(message ? { message } : {}) });
  expect(res.status).toBe(201);
  return res.body;
}

function start(url: string, auth: AuthResponse, more: Partial<LiveServiceOptions> = {}): { service: LiveService; gifts: ReceivedGift[]; states: LiveState[] } {
  const gifts: ReceivedGift[] = [];
  const states: LiveState[] = [];
  const service = new LiveService({
    platformUrl: url,
    account: accountOf(auth),
    ready: Promise.resolve(),
    onGift: (g) => gifts.push(g),
    onState: (s) => states.push(s),
    backoff: { baseMs: 50, maxMs: 400 },
    logger: createMemoryLogger(),
    ...more,
  });
  service.start();
  return { service, gifts, states };
}

/** A 2×2 red PNG, made here so the platform's sniffing sees a real picture. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}

test('go live, a gift arrives live with its message and is delivered; unlock + redeem, convert, thanks with text and a picture; end', async () => {
  const streamer = await platform.register('livestreamer');
  const ana = await viewer('liveana', 5000);
  const { service, gifts, states } = start(`http://127.0.0.1:${port}`, streamer);
  try {
    await expect.poll(() => service.state().connected, { timeout: 10_000 }).toBe(true);
    const opened = await service.goLive('Morning look', 'UTC');
    expect(opened.room).toMatchObject({ state: 'open', title: 'Morning look', timeZone: 'UTC', streamer: { handle: 'livestreamer' } });
    const roomId = opened.room!.id;

    // Presence on room:<id> reaches the state pushed to the page.
    expect((await api('POST', `/rooms/${roomId}/presence`, ana.token, { present: true })).status).toBe(200);
    await expect.poll(() => states.at(-1)?.room?.viewers, { timeout: 10_000 }).toBe(1);

    const flowers = await send(ana, roomId, 'bundle-of-flowers', 'Good morning!');
    await expect.poll(() => gifts.length, { timeout: 10_000 }).toBe(1);
    expect(gifts[0]).toMatchObject({ id: flowers.id, name: 'A bundle of flowers', message: 'Good morning!', sender: { handle: 'liveana' }, diamondValue: 36 });
    expect(gifts[0]!.autoConvertAt).toBeGreaterThan(gifts[0]!.sentAt);
    // The studio acknowledged it: the sender sees "delivered", then "seen" once the alert showed it.
    await expect.poll(async () => (await api<SentGift>('GET', `/gifts/${flowers.id}`, ana.token)).body.state, { timeout: 10_000 }).toBe('delivered');
    expect((await service.seen(flowers.id)).state).toBe('seen');

    const unlocked = await service.unlock(flowers.id);
    expect(unlocked.code).toMatch(/^FL [0-9 ]+ [A-Z]{3}$/);
    expect(unlocked.item.name).toBe('A bouquet');
    const redeemed = await service.redeem(flowers.id);
    expect(redeemed.item.name).toBe('A bouquet');
    await expect(service.redeem(flowers.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(service.convert(flowers.id)).rejects.toMatchObject({ code: 'conflict' });

    const second = await send(ana, roomId, 'bundle-of-flowers');
    await expect.poll(() => gifts.length, { timeout: 10_000 }).toBe(2);
    expect(await service.convert(second.id)).toEqual({ diamonds: 27, platformCut: 9 });
    expect((await service.wallet()).diamonds).toBe(27);

    expect(await service.thank(second.id, { text: 'Thank you, Ana!' })).toMatchObject({ state: 'thanked', thanks: { text: 'Thank you, Ana!', mediaUploadId: null } });
    const withPicture = await service.thank(flowers.id, { picture: { bytes: tinyPng(), filename: 'snapshot.png' } });
    expect(withPicture.thanks?.mediaUploadId).toEqual(expect.any(String));
    expect((await api<SentGift>('GET', `/gifts/${flowers.id}`, ana.token)).body).toMatchObject({ state: 'thanked', thanks: { mediaUploadId: withPicture.thanks!.mediaUploadId } });
    await expect(service.thank(second.id, { picture: { bytes: new TextEncoder().encode('not a picture at all'), filename: 'x.png' } })).rejects.toMatchObject({ code: 'unsupported_media' });
    // A short clip goes the same way (the platform probes it: at most 15 s).
    const withClip = await service.thank(second.id, { text: 'A clip for you', picture: { bytes: new Uint8Array(sampleVideo().mp4), filename: 'thanks.mp4' } });
    expect(withClip.thanks).toMatchObject({ text: 'A clip for you', mediaUploadId: expect.stringMatching(/^upl_/) });

    const board = await service.leaderboard(roomId);
    expect(board.rows[0]).toMatchObject({ rank: 1, viewer: { handle: 'liveana' }, feedingValue: 72, giftCount: 2, medal: 'feeding_star' });
    // Both at the same instant of the test clock: the inbox holds both, in either order.
    expect((await service.inbox()).gifts.map((g) => g.id).sort()).toEqual([second.id, flowers.id].sort());

    const ended = await service.end(roomId);
    expect(ended.room).toBeNull();
    expect((await api<{ state: string }>('GET', `/rooms/${roomId}`, null)).body.state).toBe('closed');
    expect((await api('POST', `/rooms/${roomId}/gifts`, ana.token, { giftId: 'bundle-of-flowers', idempotencyKey: `live-test-${++keys}` })).status).toBe(409);
  } finally {
    service.close();
  }
});

test('the socket drops, 50 gifts are sent meanwhile, the studio reconnects: each arrives exactly once', async () => {
  const streamer = await platform.register('dropstreamer');
  const ben = await viewer('dropben', 5000);
  const net = await proxy();
  const { service, gifts, states } = start(net.url, streamer);
  try {
    await expect.poll(() => service.state().connected, { timeout: 10_000 }).toBe(true);
    const roomId = (await service.goLive('Drop test', 'UTC')).room!.id;
    const before = await send(ben, roomId, 'bundle-of-flowers', 'before');
    await expect.poll(() => gifts.length, { timeout: 10_000 }).toBe(1);

    net.drop();
    await expect.poll(() => service.state().connected, { timeout: 10_000 }).toBe(false);
    const during: string[] = [];
    for (let i = 0; i < 50; i++) during.push((await send(ben, roomId, 'bundle-of-flowers', `gift ${i}`)).id);
    // Still down: nothing arrived while the socket was gone.
    expect(gifts).toHaveLength(1);
    net.restore();

    await expect.poll(() => gifts.length, { timeout: 20_000 }).toBe(51);
    expect(states.some((s) => s.connected) && service.state().connected).toBe(true);
    const after = await send(ben, roomId, 'bundle-of-flowers', 'after');
    await expect.poll(() => gifts.length, { timeout: 10_000 }).toBe(52);
    await new Promise((r) => setTimeout(r, 300));
    const ids = gifts.map((g) => g.id);
    expect(ids).toEqual([before.id, ...during, after.id]);
    expect(gifts.slice(1, 51).map((g) => g.message)).toEqual(during.map((_, i) => `gift ${i}`));
  } finally {
    service.close();
    await net.close();
  }
});

test('thanks with a clip recorded in the studio: made the platform MP4 once; a failed upload keeps it, sending again uploads the same file', async () => {
  const tools = requireTools();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'live-thanks-clip-'));
  const file = makeRecorderWebm(tools, path.join(dir, 'take.webm'), { width: 320, height: 240, seconds: 2, codec: 'vp8', fps: 15 });
  const clips = new ThanksClips({ tools: () => Promise.resolve(tools), draft: () => ({ kind: 'video', status: 'ready', file, dir }), logger: createMemoryLogger() });
  const streamer = await platform.register('clipstreamer');
  const cat = await viewer('clipcat', 5000);
  const net = await proxy();
  const { service, gifts } = start(net.url, streamer, { clips });
  try {
    await expect.poll(() => service.state().connected, { timeout: 10_000 }).toBe(true);
    const roomId = (await service.goLive('Clip thanks', 'UTC')).room!.id;
    const gift = await send(cat, roomId, 'bundle-of-flowers', 'For the clip');
    await expect.poll(() => gifts.length, { timeout: 10_000 }).toBe(1);

    net.drop();
    await expect(service.thank(gift.id, { text: 'Watch this', clip: { draftId: 'drf_clip' } })).rejects.toMatchObject({
      code: 'unavailable',
      key: 'live.clipUploadFailed',
      message: expect.stringMatching(/^The clip could not be uploaded \(The platform is offline.*It is kept: send again to retry\.$/),
    });
    const kept = path.join(dir, THANKS_CLIP_FILE);
    const madeAt = statSync(kept).mtimeMs;
    expect((await api<SentGift>('GET', `/gifts/${gift.id}`, cat.token)).body.thanks).toBeNull();

    net.restore();
    const thanked = await service.thank(gift.id, { text: 'Watch this', clip: { draftId: 'drf_clip' } });
    expect(statSync(kept).mtimeMs).toBe(madeAt);
    expect(thanked).toMatchObject({ state: 'thanked', thanks: { text: 'Watch this', media: { kind: 'clip', mimeType: 'video/mp4' } } });
    const seen = (await api<SentGift>('GET', `/gifts/${gift.id}`, cat.token)).body;
    expect(seen).toMatchObject({ state: 'thanked', thanks: { media: { kind: 'clip', mimeType: 'video/mp4' } } });
    // The sender's <video> gets the very bytes made here.
    const served = await platform.app.inject({ method: 'GET', url: seen.thanks!.media!.url, headers: { authorization: `Bearer ${cat.token}` } });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.length).toBe(statSync(kept).size);
  } finally {
    service.close();
    await net.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('signed out, going live is refused in words, without a call', async () => {
  const service = new LiveService({
    platformUrl: `http://127.0.0.1:${port}`,
    account: { token: () => null, state: () => ({ signedIn: false, reason: null }), onChange: () => () => undefined },
    ready: Promise.resolve(),
    onGift: () => undefined,
    onState: () => undefined,
    logger: createMemoryLogger(),
  });
  service.start();
  try {
    await expect(service.goLive('Nope', 'UTC')).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Sign in') });
    expect(service.state()).toEqual({ room: null, connected: false });
  } finally {
    service.close();
  }
});
