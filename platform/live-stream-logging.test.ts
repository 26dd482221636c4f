import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, expect, test } from 'vitest';
import type { AuthResponse } from '@shared/protocol/index';
import { LIVE_HOOK_PATHS, type Ingest } from '@shared/protocol/live-stream';
import type { Room } from '@shared/protocol/rooms';
import { buildPlatform } from './app';
import { platformLogger } from './kernel/http/logging';
import { testDatabaseUrlFor } from './test-support/database';
import type { LiveMediaServer } from './features/live-stream/media-server';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'live-logs-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('at debug level, neither a stream key (ingest, rotate, refused and accepted publishes) nor the callback secret reaches the log', async () => {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'));
      done();
    },
  });
  const secret = 'logging-test-secret-0123456789abcdef';
  const media: LiveMediaServer = {
    available: true,
    hookSecret: secret,
    app: 'live',
    hlsDir: path.join(dataDir, 'hls'),
    rtmpUrl: () => 'rtmp://127.0.0.1:1935/live',
    dropPublisher: () => Promise.resolve(),
  };
  const app = await buildPlatform(
    { dataDir, databaseUrl: await testDatabaseUrlFor(), seed: null, mediaTools: null, scryptCost: { N: 1024, r: 8, p: 1 }, liveMedia: media, sandboxMerchantKey: 'live-logging-merchant-key' },
    platformLogger('debug', stream),
  );
  try {
    const auth = (await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: 'quiet', password: 'correct horse', displayName: 'Quiet' } })).json<AuthResponse>();
    const headers = { authorization: `Bearer ${auth.token}` };
    const room = (await app.inject({ method: 'POST', url: '/api/v1/rooms', headers, payload: { title: 'Logs', timeZone: 'UTC' } })).json<Room>();
    const first = (await app.inject({ method: 'GET', url: `/api/v1/rooms/${room.id}/ingest`, headers })).json<Ingest>();
    const second = (await app.inject({ method: 'POST', url: `/api/v1/rooms/${room.id}/ingest/rotate`, headers })).json<Ingest>();
    const hook = (name: string, query = `secret=${secret}`) =>
      app.inject({ method: 'POST', url: `${LIVE_HOOK_PATHS.publish}?${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `app=live&name=${name}` });
    expect((await hook(first.streamKey)).statusCode).toBe(403);
    expect((await hook(second.streamKey, 'secret=wrong')).statusCode).toBe(403);
    expect((await hook(second.streamKey)).statusCode).toBe(204);
    const text = raw.join('');
    expect(text).toContain(LIVE_HOOK_PATHS.publish);
    expect(text).toContain('publish refused (unknown_key)');
    for (const secretText of [first.streamKey, second.streamKey, secret]) expect(text).not.toContain(secretText);
  } finally {
    await app.close();
  }
});
