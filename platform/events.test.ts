import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { PlatformEvent, TriggerResponse, Video } from '../shared/protocol/index';
import { sampleVideo } from './test-support/fixtures';
import { createTestPlatform, type TestPlatform } from './test-support/harness';

let p: TestPlatform;
let base: string;
beforeAll(async () => {
  p = await createTestPlatform();
  base = await p.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => p.close());

test('public activity is pushed on /api/v1/events; private activity is not', async () => {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events`);
  const received: PlatformEvent[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as PlatformEvent));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const { token } = await p.register('live');
  const mp4 = sampleVideo().mp4;
  await p.postVideo(token, mp4, { visibility: 'private' });
  const pub: Video = await p.postVideo(token, mp4, { visibility: 'public' });
  const hit = (await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${pub.anchors[0]!.id}/trigger` })).json<TriggerResponse>();
  await expect.poll(() => received.length).toBe(2);
  socket.close();
  expect(received).toEqual([
    { type: 'video.created', videoId: pub.id, at: p.clock.now() },
    { type: 'anchor.triggered', anchorId: hit.anchor.id, videoId: pub.id, triggerCount: 1, at: p.clock.now() },
  ]);
});
