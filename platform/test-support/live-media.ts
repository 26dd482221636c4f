import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AuthResponse } from '@shared/protocol/index';
import type { Ingest } from '@shared/protocol/live-stream';
import type { Room } from '@shared/protocol/rooms';
import { locateNginx, NginxMediaServer } from '../features/live-stream/nginx-supervisor';
import { createTestPlatform, type TestPlatform } from './harness';

/** A platform with the real nginx-rtmp ingest (1 s fragments) listening on loopback, and a signed-in streamer. */
export interface LiveMediaWorld {
  readonly dir: string;
  readonly media: NginxMediaServer;
  readonly p: TestPlatform;
  readonly origin: string;
  readonly host: AuthResponse;
  /** The streamer's API call (`/api/v1` + url, bearer token). */
  api(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Opens a room and fetches its ingest (RTMP URL + key, HLS URL). */
  openRoom(title: string): Promise<{ room: Room; ingest: Ingest }>;
  close(): Promise<void>;
}

/**
 * Starts the world a live-video test needs. nginx comes from Debian's packages, which
 * scripts/ensure-test-deps.mjs installs: a missing one is a broken machine and fails loudly.
 * `dirPrefix` may hold a space (as Electron's data dir does): nginx's config quotes it.
 */
export async function startLiveMediaWorld(dirPrefix: string, handle: string): Promise<LiveMediaWorld> {
  const install = locateNginx(process.env);
  if ('missing' in install) throw new Error(`live video test: ${install.missing}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  const media = new NginxMediaServer({ install, dir: path.join(dir, 'live'), rtmpPort: 0, fragmentMs: 1000, playlistMs: 4000 });
  const p = await createTestPlatform({ liveMedia: media, sandboxMerchantKey: `${handle}-merchant-key` });
  const origin = await p.app.listen({ port: 0, host: '127.0.0.1' });
  await media.start(origin);
  const host = await p.register(handle);
  const api: LiveMediaWorld['api'] = (method, url, payload) => p.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${host.token}` }, ...(payload ? { payload } : {}) });
  return {
    dir,
    media,
    p,
    origin,
    host,
    api,
    async openRoom(title) {
      const room = (await api('POST', '/rooms', { title, timeZone: 'UTC' })).json<Room>();
      return { room, ingest: (await api('GET', `/rooms/${room.id}/ingest`)).json<Ingest>() };
    },
    async close() {
      await p.close();
      await media.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls the room's HLS playlist until it lists a fragment; returns the playlist's text. */
export async function waitForFragment(playlistUrl: string, intervalMs: number): Promise<string> {
  let playlist = '';
  await expect
    .poll(
      async () => {
        const res = await fetch(playlistUrl);
        playlist = res.ok ? await res.text() : '';
        return /^\d+\.ts$/m.test(playlist);
      },
      { timeout: 15_000, interval: intervalMs },
    )
    .toBe(true);
  return playlist;
}
