import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Room } from '@shared/protocol/rooms';
import { locateMediaTools } from '../../kernel/media/tools';
import { startLiveMediaWorld, waitForFragment, type LiveMediaWorld } from '../../test-support/live-media';

// Real nginx + RTMP module and a real ffmpeg push. Not skipped when they are missing: CI installs
// them (scripts/ensure-test-deps.mjs), so a missing one is a broken machine and fails loudly.
const tools = locateMediaTools(process.env);
let w: LiveMediaWorld;
const pushes: ChildProcess[] = [];

beforeAll(async () => {
  if (!tools?.ffmpeg) throw new Error('live video test: ffmpeg/ffprobe not found (apt-get install ffmpeg)');
  // A space in the path, as in Electron's data dir (~/.config/Anchor Studio): nginx's config quotes it.
  w = await startLiveMediaWorld('live nginx-', 'broadcaster');
}, 60_000);

afterAll(async () => {
  for (const push of pushes) push.kill('SIGKILL');
  await w?.close();
});

/** ffmpeg pushing a generated picture and tone in real time: 1 s keyframes, as the studio's encoder would. */
function push(url: string): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(
    tools!.ffmpeg!,
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-b:v', '800k'],
      ...['-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-t', '30', '-f', 'flv', url],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  pushes.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), stderr: () => stderr };
}

test('ffmpeg pushes to nginx with the room key → the playlist appears through the origin and ffprobe reads a fragment; a wrong key is refused; closing the room ends the stream', async () => {
  const { room, ingest } = await w.openRoom('On air');
  expect(ingest.rtmpUrl).toBe(`rtmp://localhost:${w.media.port}/live`);
  const rtmp = `rtmp://127.0.0.1:${w.media.port}/live`;

  const wrong = push(`${rtmp}/lsk_${'ab'.repeat(16)}`);
  const wrongCode = await Promise.race([wrong.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
  expect(wrongCode).not.toBe('hung');
  expect(wrongCode).not.toBe(0);

  const t0 = performance.now();
  const good = push(`${rtmp}/${ingest.streamKey}`);
  const playlistUrl = `${w.origin}${ingest.hlsUrl}`;
  const playlist = await waitForFragment(playlistUrl, 50);
  const toPlaylistMs = Math.round(performance.now() - t0);
  const res = await fetch(playlistUrl);
  expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
  expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
  expect(playlist).toMatch(/#EXT-X-TARGETDURATION:1\b/);
  expect((await w.api('GET', `/rooms/${room.id}`)).json<Room>().stream).toEqual({ state: 'live', hlsUrl: ingest.hlsUrl });

  const fragmentName = /^(\d+\.ts)$/m.exec(playlist)![1]!;
  const fragment = await fetch(new URL(fragmentName, playlistUrl));
  expect(fragment.status).toBe(200);
  expect(fragment.headers.get('content-type')).toBe('video/mp2t');
  const file = path.join(w.dir, 'fragment.ts');
  writeFileSync(file, Buffer.from(await fragment.arrayBuffer()));
  const probe = spawnSync(tools!.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  expect(probe.status).toBe(0);
  const probed = JSON.parse(probe.stdout) as { streams: { codec_type: string; codec_name: string; width?: number; height?: number }[]; format: { duration: string } };
  expect(probed.streams).toEqual(
    expect.arrayContaining([expect.objectContaining({ codec_type: 'video', codec_name: 'h264', width: 640, height: 360 }), expect.objectContaining({ codec_type: 'audio', codec_name: 'aac' })]),
  );
  const seconds = Number(probed.format.duration);
  expect(seconds).toBeGreaterThan(0.5);
  expect(seconds).toBeLessThan(1.6);

  // Closing the room ends the stream: nginx drops the encoder, the playlist is gone.
  const t1 = performance.now();
  expect((await w.api('POST', `/rooms/${room.id}/close`)).json<Room>().stream?.state).toBe('offline');
  expect((await fetch(playlistUrl)).status).toBe(404);
  const closedCode = await Promise.race([good.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
  expect(closedCode, good.stderr()).not.toBe('hung');
  const dropMs = Math.round(performance.now() - t1);
  expect(readFileSync(path.join(w.dir, 'live', 'logs', 'error.log'), 'utf8')).not.toContain(ingest.streamKey);

  mkdirSync('test-output/live', { recursive: true });
  writeFileSync(
    'test-output/live/nginx-timing.json',
    `${JSON.stringify({ fragmentMs: 1000, fromPushToPlaylistMs: toPlaylistMs, fragmentSeconds: seconds, closeToEncoderDroppedMs: dropMs }, null, 2)}\n`,
  );
}, 60_000);

test('nginx exiting on its own is restarted, and a stream it was carrying is ended', async () => {
  const {
    room,
    ingest: { streamKey },
  } = await w.openRoom('Crash');
  // Marked live through the callback, as nginx would on a publish.
  const published = await fetch(`${w.origin}/internal/live/publish?secret=${w.media.hookSecret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `app=live&name=${streamKey}`,
  });
  expect(published.status).toBe(204);
  expect((await w.api('GET', `/rooms/${room.id}`)).json<Room>().stream?.state).toBe('live');
  const pid = Number(readFileSync(path.join(w.dir, 'live', 'nginx.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
  await expect.poll(() => w.media.available, { timeout: 5_000, interval: 20 }).toBe(false);
  await expect.poll(() => w.media.available, { timeout: 10_000, interval: 50 }).toBe(true);
  await expect.poll(async () => (await w.api('GET', `/rooms/${room.id}`)).json<Room>().stream?.state, { timeout: 5_000 }).toBe('offline');
  expect(Number(readFileSync(path.join(w.dir, 'live', 'nginx.pid'), 'utf8'))).not.toBe(pid);
}, 30_000);

test('stop() ends nginx: RTMP no longer listens, live is off', async () => {
  expect(w.media.available).toBe(true);
  await w.media.stop();
  expect(w.media.available).toBe(false);
  const room = (await w.api('POST', '/rooms', { title: 'After', timeZone: 'UTC' })).json<Room>();
  expect((await w.api('GET', `/rooms/${room.id}/ingest`)).json()).toMatchObject({ error: { code: 'live_off' } });
});
