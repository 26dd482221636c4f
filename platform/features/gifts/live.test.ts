import { afterAll, beforeAll, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { locateMediaTools } from '../../kernel/media/tools';
import { sampleVideo } from '../../test-support/fixtures';
import type { EventEnvelope, ServerMessage } from '@shared/protocol/events';
import type { ReceivedGift } from '@shared/protocol/gifts';
import { giftsWorld, type GiftsWorld, type Person } from './test-support';

let w: GiftsWorld;
let base: string;
beforeAll(async () => {
  w = await giftsWorld({ gifts: { sendRate: { burst: 1000, perSecond: 1000 } } });
  base = (await w.p.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
  await w.topUp(w.ana, 5000);
}, 60_000);
afterAll(() => w.close());

interface Listener {
  readonly received: ServerMessage[];
  readonly events: () => EventEnvelope[];
  readonly lastId: () => number;
  close(): void;
}

async function listen(who: Person | null, topics: string[], after?: number): Promise<Listener> {
  const socket = new WebSocket(`${base}/api/v1/events`, who ? { headers: { authorization: `Bearer ${who.token}` } } : {});
  const received: ServerMessage[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // Subscribe after `ready`: the server attaches its message handler only once it has resolved the
  // socket's session, and a frame that arrives earlier is dropped (seen on PostgreSQL).
  await expect.poll(() => received.some((m) => m.type === 'ready' || m.type === 'error'), { timeout: 10_000 }).toBe(true);
  socket.send(JSON.stringify({ type: 'subscribe', topics, ...(after === undefined ? {} : { after }) }));
  await expect.poll(() => received.some((m) => m.type === 'subscribed' || m.type === 'error'), { timeout: 10_000 }).toBe(true);
  const events = () => received.filter((m): m is EventEnvelope => 'id' in m && m.type !== 'notification.created');
  return { received, events, lastId: () => events().at(-1)?.id ?? after ?? 0, close: () => socket.terminate() };
}

test('a gift reaches the streamer with its message, the sender sees its state move, the room sees a public notice without the code or message', async () => {
  const streamer = await listen(w.streamer, [`user:${w.streamer.id}`]);
  const sender = await listen(w.ana, [`user:${w.ana.id}`]);
  const room = await listen(null, [`room:${w.room.id}`]);
  const gift = await w.sendOk(w.ana, 'bundle-of-flowers', { message: 'For you' });

  await expect.poll(() => streamer.events().length).toBe(1);
  const received = streamer.events()[0]!;
  expect(received.type).toBe('gift.received');
  expect(received.data).toMatchObject({ id: gift.id, name: 'A bundle of flowers', message: 'For you', sender: { id: w.ana.id, handle: 'ana' }, state: 'sent' });
  await expect.poll(() => room.events().length).toBe(1);
  expect(room.events()[0]).toMatchObject({ type: 'room.gift', data: { giftId: gift.id, notice: '@ana sent a bundle of flowers' } });
  expect(JSON.stringify(room.events()[0])).not.toContain('For you');

  await w.call('POST', `/gifts/${gift.id}/receipt`, w.streamer, { state: 'delivered' });
  await w.call('POST', `/gifts/${gift.id}/receipt`, w.streamer, { state: 'seen' });
  await w.call('POST', `/gifts/${gift.id}/receipt`, w.streamer, { state: 'delivered' });
  await w.call('POST', `/gifts/${gift.id}/convert`, w.streamer);
  const thanked = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Thank you!' });
  expect(thanked.json<ReceivedGift>().state).toBe('thanked');
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.ana, { text: 'Me?' })).statusCode).toBe(403);
  await expect.poll(() => sender.events().map((e) => e.data.state)).toEqual(['sent', 'delivered', 'seen', 'converted', 'thanked']);
  // The bell too, in the same transactions: the streamer heard of the gift, the sender of the thanks.
  await expect.poll(() => streamer.received.filter((m) => m.type === 'notification.created').length).toBe(1);
  // The bell's event went in the gift's one insert, just before it: consecutive ids, in that order.
  const bell = streamer.received.find((m): m is EventEnvelope => m.type === 'notification.created')!;
  expect(bell.id).toBe(received.id - 1);
  const notes = (who: typeof w.ana) =>
    w.call('GET', '/notifications', who).then((r) => r.json<{ notifications: { kind: string; text: string; target: { kind: string; id: string } }[] }>().notifications);
  expect((await notes(w.streamer))[0]).toMatchObject({
    kind: 'gift.received',
    text: '@ana sent you a bundle of flowers: For you',
    textKey: { key: 'giftReceivedWithMessage', params: { sender: 'ana', gift: 'A bundle of flowers', giftId: 'bundle-of-flowers', message: 'For you' } },
    target: { kind: 'gift', id: gift.id },
  });
  expect((await notes(w.ana))[0]).toMatchObject({
    kind: 'gift.thanked',
    text: '@streamer thanked you for a bundle of flowers: Thank you!',
    textKey: { key: 'giftThankedWithText', params: { sender: 'streamer', gift: 'A bundle of flowers', giftId: 'bundle-of-flowers', text: 'Thank you!' } },
    target: { kind: 'gift', id: gift.id },
  });
  expect(sender.events().at(-1)!.data.thanks).toMatchObject({ text: 'Thank you!', mediaUploadId: null });
  expect(JSON.stringify(sender.events())).not.toMatch(/"code"/);
  for (const l of [streamer, sender, room]) l.close();
});

test('thanks with a picture or a clip ≤ 15 s reach the sender; a longer clip or a file that is no media is refused', async () => {
  const sender = await listen(w.ana, [`user:${w.ana.id}`]);
  const gift = await w.sendOk(w.ana, 'egg');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f9e2a50000000049454e44ae426082', 'hex');
  const picture = await w.p.upload(w.streamer.token, png);
  const thanked = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { mediaUploadId: picture });
  expect(thanked.statusCode).toBe(200);
  await expect.poll(() => sender.events().some((e) => e.data.state === 'thanked')).toBe(true);
  expect(sender.events().find((e) => e.data.state === 'thanked')!.data.thanks).toMatchObject({ text: null, mediaUploadId: picture });

  const clip = await w.p.upload(w.streamer.token, sampleVideo().mp4);
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Thanks!', mediaUploadId: clip })).statusCode).toBe(200);
  const ffmpeg = locateMediaTools()!.ffmpeg!;
  const longDir = mkdtempSync(path.join(os.tmpdir(), 'thanks-'));
  const long = path.join(longDir, 'long.mp4');
  execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=5', '-t', '16', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', long]);
  const longBytes = readFileSync(long);
  rmSync(longDir, { recursive: true, force: true });
  const tooLong = await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { mediaUploadId: await w.p.upload(w.streamer.token, longBytes) });
  expect(tooLong.statusCode).toBe(400);
  expect(tooLong.json<{ error: { message: string } }>().error.message).toContain('15 s');
  const text = await w.p.upload(w.streamer.token, Buffer.from('just some text, not a picture at all'));
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { mediaUploadId: text })).statusCode).toBe(415);
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { mediaUploadId: await w.p.upload(w.ana.token, png) })).statusCode).toBe(404);
  expect((await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, {})).statusCode).toBe(400);
  sender.close();
}, 60_000);

test('thanked first, claimed after: the gift stays claimable, and the sender’s view and events show the claim beside the thanks', async () => {
  const sender = await listen(w.ana, [`user:${w.ana.id}`]);
  const gift = await w.sendOk(w.ana, 'bundle-of-flowers');
  const thanked = (await w.call('POST', `/gifts/${gift.id}/thanks`, w.streamer, { text: 'Lovely!' })).json<ReceivedGift>();
  expect(thanked).toMatchObject({ state: 'thanked', claim: null });
  expect((await w.call('POST', `/gifts/${gift.id}/unlock`, w.streamer)).statusCode).toBe(200);
  await expect
    .poll(() => sender.events().map((e) => [e.data.state, e.data.claim]))
    .toEqual([
      ['sent', null],
      ['thanked', null],
      ['thanked', 'unlocked'],
    ]);
  // Read back (a reload): the sender's and the streamer's views both keep the claim.
  expect((await w.call('GET', `/gifts/${gift.id}`, w.ana)).json()).toMatchObject({ state: 'thanked', claim: 'unlocked' });
  expect((await w.call('GET', `/gifts/${gift.id}`, w.streamer)).json()).toMatchObject({ state: 'thanked', claim: 'unlocked' });
  // Claimed once: converting now is refused.
  expect((await w.call('POST', `/gifts/${gift.id}/convert`, w.streamer)).statusCode).toBe(409);
  sender.close();
});

test('a closed room’s topic is refused to viewers; a signed-out socket may not read a user topic', async () => {
  const other = await w.call('POST', '/rooms', w.ben, { title: 'Short show', timeZone: 'UTC' });
  const id = other.json<{ id: string }>().id;
  await w.call('POST', `/rooms/${id}/close`, w.ben);
  const viewer = await listen(w.ana, [`room:${id}`]);
  expect(viewer.received.some((m) => m.type === 'error')).toBe(true);
  viewer.close();
  const anonymous = await listen(null, [`user:${w.streamer.id}`]);
  expect(anonymous.received.some((m) => m.type === 'error')).toBe(true);
  anonymous.close();
});

test('reconnect: the streamer’s socket drops, 50 gifts are sent meanwhile, resuming with the last id delivers each exactly once, in order', async () => {
  const first = await listen(w.streamer, [`user:${w.streamer.id}`]);
  await w.sendOk(w.ana, 'egg');
  await expect.poll(() => first.events().length).toBe(1);
  const lastId = first.lastId();
  first.close();

  const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => w.sendOk(w.ana, i % 2 ? 'bread' : 'soymilk', { message: `#${i}` })));
  const resumed = await listen(w.streamer, [`user:${w.streamer.id}`], lastId);
  await expect.poll(() => resumed.events().length, { timeout: 15_000 }).toBe(50);
  const ids = resumed.events().map((e) => e.data.id as string);
  expect(new Set(ids).size).toBe(50);
  expect([...ids].sort()).toEqual(sent.map((g) => g.id).sort());
  const eventIds = resumed.events().map((e) => e.id);
  expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b));
  // A moment later still nothing twice.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(resumed.events()).toHaveLength(50);
  resumed.close();
});
