import { rmSync } from 'node:fs';
import net from 'node:net';
import { expect, test } from 'vitest';
import type { PlatformEvent } from '@shared/protocol/index';
import { sampleVideo } from '@platform/test-support/fixtures';
import { createTestPlatform } from '@platform/test-support/harness';
import { PlatformEventsClient } from './platform-events-client';

test('receives public events and reconnects when the platform comes back on the same port', async () => {
  let platform = await createTestPlatform();
  const dataDir = platform.dataDir;
  const url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  const events: PlatformEvent[] = [];
  let connections = 0;
  let disconnections = 0;
  const client = new PlatformEventsClient({
    platformUrl: () => url,
    onEvent: (e) => events.push(e),
    onConnected: () => connections++,
    onDisconnected: () => disconnections++,
    backoff: { baseMs: 50, maxMs: 200 },
  });
  client.start();
  try {
    await expect.poll(() => connections).toBe(1);
    const { token } = await platform.register('eventful');
    const video = await platform.postVideo(token, sampleVideo().mp4);
    await expect.poll(() => events).toEqual([expect.objectContaining({ type: 'video.created', videoId: video.id })]);

    await platform.app.close();
    await expect.poll(() => disconnections).toBe(1);
    platform = await createTestPlatform({ dataDir });
    await platform.app.listen({ port, host: '127.0.0.1' });
    await expect.poll(() => connections, { timeout: 5000 }).toBe(2);
    expect(client.connected).toBe(true);
  } finally {
    client.stop();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('resumes from its last event id after a drop: 20 events published meanwhile arrive once each, in order', async () => {
  const platform = await createTestPlatform();
  const upstream = new URL(await platform.app.listen({ port: 0, host: '127.0.0.1' }));
  // The studio reaches the platform through a TCP relay the test can cut, like a network drop.
  const links = new Set<net.Socket>();
  const relay = net.createServer((inbound) => {
    const outbound = net.connect(Number(upstream.port), '127.0.0.1');
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      links.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => links.delete(a));
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`;
  const events: PlatformEvent[] = [];
  let connections = 0;
  // A long first retry, so all 20 are published while the studio is away.
  const client = new PlatformEventsClient({ platformUrl: () => url, onEvent: (e) => events.push(e), onConnected: () => connections++, backoff: { baseMs: 1500, maxMs: 1500 }, random: () => 0.99 });
  client.start();
  try {
    const { token } = await platform.register('resumer');
    await expect.poll(() => connections).toBe(1);
    await expect.poll(() => client.lastEventId).toBeTypeOf('number');
    const video = await platform.postVideo(token, sampleVideo().mp4);
    await expect.poll(() => events.length).toBe(1);

    for (const link of links) link.destroy();
    await expect.poll(() => client.connected).toBe(false);
    for (let i = 0; i < 20; i++) {
      // A trigger counts once per viewer and hour: twenty different addresses.
      const res = await platform.app.inject({ method: 'POST', url: `/api/v1/anchors/${video.anchors[0]!.id}/trigger`, remoteAddress: `10.0.0.${i + 1}` });
      expect(res.statusCode).toBe(200);
    }
    expect(client.connected).toBe(false);
    await expect.poll(() => connections, { timeout: 5000 }).toBe(2);
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(21);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.slice(1).map((e) => (e.type === 'anchor.triggered' ? e.triggerCount : -1))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(events).toHaveLength(21);
  } finally {
    client.stop();
    relay.close();
    await platform.close();
  }
});
