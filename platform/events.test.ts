import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { toPlatformEvent, type EventEnvelope, type ServerMessage } from '@shared/protocol/events';
import type { TriggerResponse, Video } from '@shared/protocol/index';
import { sampleVideo } from './test-support/fixtures';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

let p: TestPlatform;
let base: string;
beforeAll(async () => {
  p = await createTestPlatform();
  base = await p.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => p.close());

function subscribe(after?: number): { received: ServerMessage[]; socket: WebSocket; ready: Promise<void> } {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events`);
  const received: ServerMessage[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', topics: ['public'], ...(after === undefined ? {} : { after }) }));
      resolve();
    });
    socket.once('error', reject);
  });
  return { received, socket, ready };
}
const eventsOf = (messages: ServerMessage[]): EventEnvelope[] => messages.filter((m): m is EventEnvelope => 'id' in m);

test('public activity is logged and pushed on the public topic; private activity is not; a late subscriber replays it', async () => {
  const live = subscribe();
  await live.ready;
  await expect.poll(() => live.received.some((m) => m.type === 'subscribed')).toBe(true);
  const { token } = await p.register('live');
  const mp4 = sampleVideo().mp4;
  await p.postVideo(token, mp4, { visibility: 'private' });
  const pub: Video = await p.postVideo(token, mp4, { visibility: 'public' });
  const hit = (await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${pub.anchors[0]!.id}/trigger` })).json<TriggerResponse>();
  await expect.poll(() => eventsOf(live.received).length).toBe(2);
  live.socket.close();
  const got = eventsOf(live.received);
  expect(got.map((e) => e.topic)).toEqual(['public', 'public']);
  expect(got[1]!.id).toBeGreaterThan(got[0]!.id);
  expect(got.map(toPlatformEvent)).toEqual([
    { type: 'video.created', videoId: pub.id, at: p.clock.now() },
    { type: 'anchor.triggered', anchorId: hit.anchor.id, videoId: pub.id, triggerCount: 1, at: p.clock.now() },
  ]);

  const late = subscribe(got[0]!.id - 1);
  await late.ready;
  await expect.poll(() => eventsOf(late.received).map((e) => e.id)).toEqual(got.map((e) => e.id));
  late.socket.close();
});
