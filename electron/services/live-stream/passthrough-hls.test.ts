import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PLATFORM_DESTINATION } from '@shared/ipc/nouns/live-stream';
import { startLiveMediaWorld, waitForFragment, type LiveMediaWorld } from '../../../platform/test-support/live-media';
import { createMemoryLogger } from '../logger';
import { requireTools } from '../media/test-inputs';
import { StreamFanout } from './stream-fanout';

/**
 * The studio's passthrough end to end on the platform's real ingest: an H.264 + Opus live Matroska
 * (what Chromium's recorder makes) fed in real time to the fan-out, whose ffmpeg copies the video
 * to the room's nginx-rtmp; the room's HLS playlist appears and its fragment decodes whole.
 */
const tools = requireTools();
const SECONDS = 8;
let w: LiveMediaWorld;
let capture: Buffer;

beforeAll(async () => {
  w = await startLiveMediaWorld('passthrough-hls-', 'passthrough');
  const file = path.join(w.dir, 'capture.mkv');
  execFileSync(tools.ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=${SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-g', '30', '-b:v', '1M', '-c:a', 'libopus', '-b:a', '64k'],
    ...['-write_crc32', '0', '-live', '1', '-f', 'matroska', file],
  ]);
  capture = readFileSync(file);
}, 60_000);

afterAll(async () => {
  await w?.close();
});

test('an H.264 capture is copied to the room’s ingest: the HLS playlist appears and its fragment is the capture’s H.264, decoded without error', async () => {
  const { ingest } = await w.openRoom('Passthrough');
  const fanout = new StreamFanout({
    ffmpeg: tools.ffmpeg,
    targets: [{ id: PLATFORM_DESTINATION, name: 'Anchor Live', url: `rtmp://127.0.0.1:${w.media.port}/live`, key: ingest.streamKey, keyframeSeconds: 1 }],
    output: { orientation: 'landscape', preset: '720p30', videoKbps: 1000 },
    hasAudio: true,
    logger: createMemoryLogger(),
    now: Date.now,
    onChange: () => {},
  });
  const slice = Math.ceil(capture.length / (SECONDS * 4));
  let offset = 0;
  const feeder = setInterval(() => {
    if (offset >= capture.length) return;
    fanout.push(new Uint8Array(capture.subarray(offset, offset + slice)));
    offset += slice;
  }, 250);
  const playlistUrl = `${w.origin}${ingest.hlsUrl}`;
  try {
    const playlist = await waitForFragment(playlistUrl, 100);
    expect(fanout.destination(PLATFORM_DESTINATION)!.video).toEqual({ mode: 'copy' });
    const fragment = await fetch(new URL(/^(\d+\.ts)$/m.exec(playlist)![1]!, playlistUrl));
    const file = path.join(w.dir, 'fragment.ts');
    writeFileSync(file, Buffer.from(await fragment.arrayBuffer()));
    const probe = spawnSync(tools.ffprobe!, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,profile,width,height', '-of', 'json', file], { encoding: 'utf8' });
    expect(probe.status).toBe(0);
    // The capture's own stream (baseline profile as made above; x264 here would have been High at 1280x720).
    expect(JSON.parse(probe.stdout).streams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ codec_type: 'video', codec_name: 'h264', profile: 'Constrained Baseline', width: 640, height: 360 }),
        expect.objectContaining({ codec_type: 'audio', codec_name: 'aac' }),
      ]),
    );
    const decode = spawnSync(tools.ffmpeg, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
    // ffmpeg's progress (once a second) may come after nginx has listed the first fragment.
    await expect.poll(() => fanout.health()[0]!.state, { timeout: 5_000 }).toBe('live');
    expect(fanout.health()[0]!.frames).toBeGreaterThan(0);
  } finally {
    clearInterval(feeder);
    await fanout.stop();
  }
}, 60_000);
