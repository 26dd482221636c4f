import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationId } from '@shared/ipc/nouns/live-stream';
import { createMemoryLogger } from '../logger';
import { requireTools } from '../media/test-inputs';
import { DestinationStreamer } from './destination-streamer';
import { H264_CODEC_ID } from './stream-plan';
import { WebmClusterSplitter, type WebmPiece } from './webm-clusters';

/**
 * A live H.264 Matroska as Chromium's recorder writes it (unknown sizes, a cluster opening on each
 * keyframe, here every 0.5 s) plus what ffprobe says about it, to check the block walker against.
 */
const tools = requireTools();
const SECONDS = 8;
let dir: string;
let capture: Buffer;
let keyframeOffsets: number[];
let videoPackets: number;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'destination-streamer-'));
  const file = path.join(dir, 'capture.mkv');
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=320x240:rate=30:duration=${SECONDS}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '15',
    '-b:v',
    '1M',
    '-write_crc32',
    '0',
    '-live',
    '1',
    '-f',
    'matroska',
    file,
  ]);
  capture = readFileSync(file);
  const packets = execFileSync(tools.ffprobe!, ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pos,flags', '-of', 'csv=p=0', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  videoPackets = packets.length;
  keyframeOffsets = packets.filter(([, flags]) => flags!.startsWith('K')).map(([pos]) => Number(pos));
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The capture split as the fan-out does, in 250 ms-like slices of odd sizes; each piece with its offset in the file. */
function split(bytes: Uint8Array, slice = 7919): { splitter: WebmClusterSplitter; pieces: (WebmPiece & { offset: number })[] } {
  const splitter = new WebmClusterSplitter();
  const pieces: (WebmPiece & { offset: number })[] = [];
  let offset = 0;
  for (let i = 0; i < bytes.length; i += slice)
    for (const p of splitter.push(bytes.subarray(i, i + slice))) {
      if (offset === 0) offset = splitter.init!.length;
      pieces.push({ ...p, offset });
      offset += p.bytes.byteLength;
    }
  return { splitter, pieces };
}

describe('the WebM walker', () => {
  it('reads the video track from the header, counts every frame and finds the clusters that open on a keyframe', () => {
    const { splitter, pieces } = split(capture);
    expect(splitter.video).toEqual({ trackNumber: 1, codecId: H264_CODEC_ID, width: 320, height: 240 });
    expect(pieces.reduce((n, p) => n + p.videoFrames, 0)).toBe(videoPackets);
    const keyPieces = pieces.filter((p) => p.keyframe);
    expect(keyPieces.length).toBe(SECONDS * 2);
    // Each such piece has ffprobe's keyframe within its first bytes (cluster header + block header).
    for (const p of keyPieces) expect(keyframeOffsets.some((k) => k >= p.offset && k < p.offset + 40)).toBe(true);
    // And no keyframe piece where ffprobe sees none.
    expect(pieces.filter((p) => p.startsCluster && !p.keyframe).every((p) => !keyframeOffsets.some((k) => k >= p.offset && k < p.offset + 40))).toBe(true);
  });
});

describe('a destination whose ffmpeg is slower than real time', () => {
  it('keeps its queue bounded by dropping up to the newest keyframe, counts the dropped frames, and goes on from a keyframe', async () => {
    // A stand-in ffmpeg that takes ~40 KB/s (the capture comes at ~95 KB/s) and keeps what it read.
    const received = path.join(dir, 'received.mkv');
    const slow = path.join(dir, 'slow-ffmpeg');
    writeFileSync(slow, `#!/bin/sh\nwhile :; do head -c 8192 >> '${received}'; sleep 0.2; done\n`);
    chmodSync(slow, 0o755);
    const { splitter, pieces } = split(capture);
    const streamer = new DestinationStreamer({
      target: { id: 'dst_slow0000' as DestinationId, name: 'Slow', url: 'rtmp://127.0.0.1:1/live', key: 'secret-key' },
      output: { orientation: 'landscape', preset: '720p30', videoKbps: 1000 },
      hasAudio: true,
      ffmpeg: slow,
      init: () => splitter.init,
      capture: () => splitter.video,
      logger: createMemoryLogger(),
      now: Date.now,
      onChange: () => {},
      maxQueueMs: 500,
      stopTimeoutMs: 300,
    });
    streamer.start();
    // The pieces arrive at the capture's own pace (by each piece's share of the file's duration).
    const started = Date.now();
    const byteRate = capture.length / SECONDS;
    let maxBacklogMs = 0;
    for (const p of pieces) {
      const due = started + ((p.offset - splitter.init!.length) / byteRate) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      streamer.push(p);
      maxBacklogMs = Math.max(maxBacklogMs, streamer.backlog.ms);
    }
    // The capture has ended: let the reader take what is still queued and in the pipe (nothing more is dropped).
    for (let size = -1, until = Date.now() + 15_000; Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 800));
      const now = readFileSync(received).length;
      if (streamer.backlog.bytes === 0 && now === size) break;
      size = now;
    }
    const health = streamer.health();
    await streamer.stop();
    expect(streamer.video).toEqual({ mode: 'copy' });

    // Bounded: the oldest waiting piece is at most 0.5 s old plus the time this reader (at 0.4x real
    // time) takes to finish the GOP it is in (0.5 s of capture: ~1.2 s). Without dropping it grows to seconds.
    console.log(`slow destination: backlog at most ${maxBacklogMs} ms, ${health.droppedFrames} frames dropped of ${videoPackets}`);
    expect(maxBacklogMs).toBeLessThan(2500);
    expect(health.droppedBytes).toBeGreaterThan(0);
    expect(health.warnings).toContain('dropped');

    // What the slow ffmpeg got: the header, then runs of the capture's clusters; every run after a gap opens on a keyframe.
    const got = readFileSync(received);
    expect(got.subarray(0, splitter.init!.length)).toEqual(Buffer.from(splitter.init!));
    const clusters = pieces.filter((p) => p.startsCluster);
    let at = splitter.init!.length;
    let index = 0;
    let gaps = 0;
    let framesInGaps = 0;
    while (at < got.length) {
      const next = clusters.findIndex((c, i) => i >= index && got.subarray(at, at + 64).equals(Buffer.from(c.bytes.subarray(0, 64))));
      expect(next).toBeGreaterThanOrEqual(0);
      if (next > index) {
        gaps++;
        expect(clusters[next]!.keyframe).toBe(true);
        framesInGaps += pieces.filter((p) => p.offset >= clusters[index]!.offset && p.offset < clusters[next]!.offset).reduce((n, p) => n + p.videoFrames, 0);
      }
      // The whole cluster (its pieces) came, unless the stream ended inside it.
      const end = clusters[next + 1]?.offset ?? capture.length;
      at += end - clusters[next]!.offset;
      index = next + 1;
    }
    expect(gaps).toBeGreaterThan(0);
    // The stream went out to its end, and every frame the queue dropped on the way is counted.
    expect(index).toBe(clusters.length);
    expect(health.droppedFrames).toBe(framesInGaps);
  }, 30_000);
});
