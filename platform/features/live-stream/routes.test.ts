import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EventEnvelope, ServerMessage } from '@shared/protocol/events';
import type { AuthResponse } from '@shared/protocol/index';
import { LIVE_HOOK_PATHS, LIVE_STREAM_EVENTS, type Ingest } from '@shared/protocol/live-stream';
import type { Room } from '@shared/protocol/rooms';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';
import type { LiveMediaServer } from './media-server';

const SECRET = 'hook-secret-for-route-tests-0123456789';
const hlsDir = mkdtempSync(path.join(os.tmpdir(), 'live-routes-hls-'));
const dropped: string[] = [];
const media: LiveMediaServer = {
  available: true,
  hookSecret: SECRET,
  app: 'live',
  hlsDir,
  rtmpUrl: (hostname) => `rtmp://${hostname}:1935/live`,
  dropPublisher: (name) => {
    dropped.push(name);
    return Promise.resolve();
  },
};

let p: TestPlatform;
let off: TestPlatform;
let ws: string;
let host: AuthResponse;
let other: AuthResponse;
beforeAll(async () => {
  [p, off] = await Promise.all([createTestPlatform({ liveMedia: media, sandboxMerchantKey: 'live-test-merchant-key' }), createTestPlatform({ sandboxMerchantKey: 'live-test-merchant-key' })]);
  [host, other] = [await p.register('streamer'), await p.register('other')];
  ws = (await p.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
}, 60_000);
afterAll(async () => {
  await Promise.all([p.close(), off.close()]);
  rmSync(hlsDir, { recursive: true, force: true });
});

const call = (q: TestPlatform, method: 'GET' | 'POST', url: string, who: AuthResponse | null, payload?: object) =>
  q.app.inject({ method, url: `/api/v1${url}`, headers: who ? { authorization: `Bearer ${who.token}` } : {}, ...(payload ? { payload } : {}) });

const hook = (kind: keyof typeof LIVE_HOOK_PATHS, form: Record<string, string>, { secret = SECRET, remoteAddress = '127.0.0.1' } = {}) =>
  p.app.inject({
    method: 'POST',
    url: `${LIVE_HOOK_PATHS[kind]}?secret=${encodeURIComponent(secret)}`,
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    // What nginx-rtmp sends (call, addr, tcurl … besides app and name).
    payload: new URLSearchParams({ call: kind === 'publish' ? 'publish' : 'publish_done', addr: '127.0.0.1', tcurl: 'rtmp://127.0.0.1:1935/live', type: 'live', ...form }).toString(),
  });

async function openRoom(who: AuthResponse, title: string): Promise<Room> {
  const res = await call(p, 'POST', '/rooms', who, { title, timeZone: 'UTC' });
  expect(res.statusCode).toBe(201);
  return res.json<Room>();
}

/** The room's events as a viewer sees them (replayed from the start of the log); a closed room's topic only its streamer reads. */
async function roomEvents(roomId: string, who: AuthResponse | null = null): Promise<EventEnvelope[]> {
  const socket = new WebSocket(`${ws}/api/v1/events`, who ? { headers: { authorization: `Bearer ${who.token}` } } : {});
  const received: ServerMessage[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await expect.poll(() => received.some((m) => m.type === 'ready'), { timeout: 10_000 }).toBe(true);
  socket.send(JSON.stringify({ type: 'subscribe', topics: [`room:${roomId}`], after: 0 }));
  await expect.poll(() => received.some((m) => m.type === 'subscribed'), { timeout: 10_000 }).toBe(true);
  await new Promise((r) => setTimeout(r, 100));
  socket.terminate();
  return received.filter((m): m is EventEnvelope => 'id' in m);
}

test('ingest: owner only (bearer or cookie), one key per room until rotated; the old key then stops publishing', async () => {
  const room = await openRoom(host, 'Lipstick live');
  expect(room.stream).toEqual({ state: 'offline', hlsUrl: `/live/${room.id}/index.m3u8` });
  expect((await call(p, 'GET', `/rooms/${room.id}/ingest`, null)).statusCode).toBe(401);
  expect((await call(p, 'GET', `/rooms/${room.id}/ingest`, other)).json()).toMatchObject({ error: { code: 'forbidden' } });
  expect((await call(p, 'GET', '/rooms/room_0000000000000000/ingest', host)).json()).toMatchObject({ error: { code: 'not_found' } });

  const first = await call(p, 'GET', `/rooms/${room.id}/ingest`, host);
  expect(first.statusCode).toBe(200);
  const ingest = first.json<Ingest>();
  expect(ingest).toEqual({ rtmpUrl: 'rtmp://localhost:1935/live', streamKey: expect.stringMatching(/^lsk_[0-9a-f]{32}$/), hlsUrl: `/live/${room.id}/index.m3u8`, state: 'offline' });
  const byCookie = await p.app.inject({ method: 'GET', url: `/api/v1/rooms/${room.id}/ingest`, headers: { cookie: `anchor_session=${host.token}` } });
  expect(byCookie.json<Ingest>().streamKey).toBe(ingest.streamKey);

  expect((await call(p, 'POST', `/rooms/${room.id}/ingest/rotate`, other)).statusCode).toBe(403);
  const rotated = await call(p, 'POST', `/rooms/${room.id}/ingest/rotate`, host);
  expect(rotated.statusCode).toBe(200);
  const fresh = rotated.json<Ingest>();
  expect(fresh.streamKey).toMatch(/^lsk_[0-9a-f]{32}$/);
  expect(fresh.streamKey).not.toBe(ingest.streamKey);
  expect((await call(p, 'GET', `/rooms/${room.id}/ingest`, host)).json<Ingest>().streamKey).toBe(fresh.streamKey);

  expect((await hook('publish', { app: 'live', name: ingest.streamKey })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live', name: fresh.streamKey })).statusCode).toBe(204);
  expect((await call(p, 'GET', `/rooms/${room.id}/ingest`, host)).json<Ingest>().state).toBe('live');
  expect((await call(p, 'GET', `/rooms/${room.id}`, null)).json<Room>().stream).toEqual({ state: 'live', hlsUrl: `/live/${room.id}/index.m3u8` });

  // Rotating while live ends the stream and drops the publisher that used the old key.
  const again = (await call(p, 'POST', `/rooms/${room.id}/ingest/rotate`, host)).json<Ingest>();
  expect(again.state).toBe('offline');
  expect(dropped).toContain(fresh.streamKey);
  expect((await hook('publish', { app: 'live', name: fresh.streamKey })).statusCode).toBe(403);
  await call(p, 'POST', `/rooms/${room.id}/close`, host);
});

test('publish callbacks: only from loopback with the secret, only the current key of an open room, once; publish_done ends the stream; viewers get both events', async () => {
  const room = await openRoom(other, 'Evening glow');
  const { streamKey } = (await call(p, 'GET', `/rooms/${room.id}/ingest`, other)).json<Ingest>();
  expect((await hook('publish', { app: 'live', name: streamKey }, { remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live', name: streamKey }, { secret: 'wrong-secret-for-route-tests-01234567' })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live', name: streamKey }, { secret: '' })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'other', name: streamKey })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live', name: 'lsk_' + '0'.repeat(32) })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live', name: '../etc' })).statusCode).toBe(403);
  expect((await hook('publish', { app: 'live' })).statusCode).toBe(403);
  expect((await call(p, 'GET', `/rooms/${room.id}`, null)).json<Room>().stream?.state).toBe('offline');

  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(204);
  // A second encoder with the same key while the first is live is refused.
  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(403);
  expect((await hook('publishDone', { app: 'live', name: streamKey }, { remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
  expect((await call(p, 'GET', `/rooms/${room.id}`, null)).json<Room>().stream?.state).toBe('live');
  expect((await hook('publishDone', { app: 'live', name: streamKey })).statusCode).toBe(204);
  expect((await call(p, 'GET', `/rooms/${room.id}`, null)).json<Room>().stream?.state).toBe('offline');
  // The encoder comes back: live again.
  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(204);
  expect((await hook('publishDone', { app: 'live', name: streamKey })).statusCode).toBe(204);

  const events = (await roomEvents(room.id)).filter((e) => e.type.startsWith('room.stream.'));
  expect(JSON.stringify(events)).not.toContain(streamKey);
  expect(events.map((e) => [e.type, e.data.reason ?? null])).toEqual([
    [LIVE_STREAM_EVENTS.started, null],
    [LIVE_STREAM_EVENTS.ended, 'publisher_left'],
    [LIVE_STREAM_EVENTS.started, null],
    [LIVE_STREAM_EVENTS.ended, 'publisher_left'],
  ]);
  expect(events[0]!.data).toEqual({ roomId: room.id, hlsUrl: `/live/${room.id}/index.m3u8`, at: p.clock.now() });
  expect(JSON.stringify(events)).not.toContain(streamKey);
  await call(p, 'POST', `/rooms/${room.id}/close`, other);
});

test('HLS through the origin: the live room’s playlist (not cached) and fragments; nothing once the room closes, which ends the stream and drops the encoder', async () => {
  const room = await openRoom(host, 'Fragments');
  const { streamKey } = (await call(p, 'GET', `/rooms/${room.id}/ingest`, host)).json<Ingest>();
  const folder = path.join(hlsDir, streamKey);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'index.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000,\n3.ts\n');
  writeFileSync(path.join(folder, '3.ts'), Buffer.alloc(188 * 4, 0x47));
  const get = (file: string) => p.app.inject({ method: 'GET', url: `/live/${room.id}/${file}` });
  expect((await get('index.m3u8')).statusCode).toBe(404);

  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(204);
  const playlist = await get('index.m3u8');
  expect(playlist.statusCode).toBe(200);
  expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
  expect(playlist.headers['cache-control']).toBe('no-cache, no-store');
  expect(playlist.body).toContain('3.ts');
  const fragment = await get('3.ts');
  expect(fragment.statusCode).toBe(200);
  expect(fragment.headers['content-type']).toBe('video/mp2t');
  expect(fragment.rawPayload.length).toBe(188 * 4);
  for (const bad of ['4.ts', 'index.m3u', '..%2F..%2Fetc%2Fpasswd', 'x.ts', '3.ts.bak']) expect((await get(bad)).statusCode).toBe(404);
  expect((await p.app.inject({ method: 'GET', url: `/live/${streamKey}/index.m3u8` })).statusCode).toBe(404);

  const droppedBefore = dropped.length;
  expect((await call(p, 'POST', `/rooms/${room.id}/close`, host)).json<Room>()).toMatchObject({ state: 'closed', stream: { state: 'offline' } });
  await expect.poll(() => dropped.slice(droppedBefore)).toEqual([streamKey]);
  expect((await get('index.m3u8')).statusCode).toBe(404);
  expect((await get('3.ts')).statusCode).toBe(404);
  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(403);
  expect((await call(p, 'GET', `/rooms/${room.id}/ingest`, host)).json()).toMatchObject({ error: { code: 'room_closed' } });
  const ended = (await roomEvents(room.id, host)).filter((e) => e.type === LIVE_STREAM_EVENTS.ended);
  expect(ended.map((e) => e.data.reason)).toEqual(['room_closed']);
});

test('blocking playlist reload: the playlist offers it; ?_HLS_msn of the next fragment is held until nginx lists it, beyond the next two is refused', async () => {
  const room = await openRoom(host, 'Blocking reload');
  const { streamKey } = (await call(p, 'GET', `/rooms/${room.id}/ingest`, host)).json<Ingest>();
  const folder = path.join(hlsDir, streamKey);
  mkdirSync(folder, { recursive: true });
  const list = (last: number) => `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:1\n${Array.from({ length: last + 1 }, (_, i) => `#EXTINF:1.000,\n${i}.ts\n`).join('')}`;
  writeFileSync(path.join(folder, 'index.m3u8'), list(2));
  expect((await hook('publish', { app: 'live', name: streamKey })).statusCode).toBe(204);
  const get = (query: string) => p.app.inject({ method: 'GET', url: `/live/${room.id}/index.m3u8${query}` });

  const plain = await get('');
  expect(plain.body.split('\n').slice(0, 2)).toEqual(['#EXTM3U', '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES']);
  expect((await get('?_HLS_msn=2')).body).toContain('2.ts');
  for (const bad of ['?_HLS_msn=5', '?_HLS_msn=-1', '?_HLS_msn=x']) expect((await get(bad)).statusCode).toBe(400);

  let answered = false;
  const held = get('?_HLS_msn=3').then((r) => ((answered = true), r));
  await new Promise((r) => setTimeout(r, 150));
  expect(answered).toBe(false);
  writeFileSync(path.join(folder, 'index.m3u8.bak'), list(3));
  renameSync(path.join(folder, 'index.m3u8.bak'), path.join(folder, 'index.m3u8'));
  const answer = await held;
  expect(answer.statusCode).toBe(200);
  expect(answer.body).toContain('3.ts');
  await call(p, 'POST', `/rooms/${room.id}/close`, host);
});

test('without a media server, live is off: ingest answers live_off, rooms carry no stream, the callbacks refuse', async () => {
  const who = await off.register('offstreamer');
  const res = await call(off, 'POST', '/rooms', who, { title: 'No video', timeZone: 'UTC' });
  const room = res.json<Room>();
  expect(room.stream).toBeUndefined();
  const ingest = await call(off, 'GET', `/rooms/${room.id}/ingest`, who);
  expect(ingest.statusCode).toBe(409);
  expect(ingest.json()).toMatchObject({ error: { code: 'live_off', message: expect.stringContaining('libnginx-mod-rtmp') } });
  const published = await off.app.inject({ method: 'POST', url: `${LIVE_HOOK_PATHS.publish}?secret=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'app=live&name=x' });
  expect(published.statusCode).toBe(403);
});
