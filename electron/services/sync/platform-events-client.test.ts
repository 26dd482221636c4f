import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { PlatformEvent } from '../../../shared/protocol/index';
import { sampleVideo } from '../../../platform/test-support/fixtures';
import { createTestPlatform } from '../../../platform/test-support/harness';
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
