import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DestinationId } from '@shared/ipc/nouns/live-stream';
import { createMemoryLogger } from '../logger';
import { DestinationStreamer } from './destination-streamer';
import { concat, WebmClusterSplitter } from './webm-clusters';

const HEADER = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x84, 1, 2, 3, 4, 0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
/** A cluster: ID, unknown size (8-byte vint), Timecode element, then `payload` bytes of block data. */
const cluster = (n: number, payload: number): Uint8Array =>
  concat([Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe7, 0x81, n]), new Uint8Array(payload).fill(0xa3)]);

describe('WebmClusterSplitter', () => {
  it('keeps the header apart and splits slices at cluster starts, also when a slice cuts an ID', () => {
    const stream = concat([HEADER, cluster(1, 50), cluster(2, 40), cluster(3, 30)]);
    const splitter = new WebmClusterSplitter();
    const pieces = [];
    // Slices that cut inside the header, inside the second cluster's ID and inside its size.
    for (const [from, to] of [
      [0, 10],
      [10, 90],
      [90, 132],
      [132, stream.length],
    ] as const)
      pieces.push(...splitter.push(stream.subarray(from, to)));
    expect(splitter.init).toEqual(HEADER);
    expect(concat(pieces.map((p) => p.bytes))).toEqual(stream.subarray(HEADER.length));
    expect(pieces.filter((p) => p.startsCluster).map((p) => p.bytes[14])).toEqual([1, 2, 3]);
  });

  it('does not take the cluster ID inside frame data for a cluster', () => {
    const fake = Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, 0x84, 0, 0, 0, 0, 0x99]); // no Timecode after the size
    const splitter = new WebmClusterSplitter();
    const pieces = splitter.push(concat([HEADER, cluster(1, 10), fake, cluster(2, 10)]));
    expect(pieces.filter((p) => p.startsCluster)).toHaveLength(2);
  });
});

describe('DestinationStreamer queue', () => {
  it('drops whole clusters (counted) when its ffmpeg stops reading, and kills it at Stop after the timeout', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stalled-'));
    // A stand-in ffmpeg that never reads its input nor exits on its own: a hung connection.
    const stuck = path.join(dir, 'stuck-ffmpeg');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(stuck, 0o755);
    const splitter = new WebmClusterSplitter();
    let changes = 0;
    const streamer = new DestinationStreamer({
      target: { id: 'dst_stuck000' as DestinationId, name: 'Stuck', url: 'rtmp://127.0.0.1:1/live', key: 'secret-key' },
      output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 },
      hasAudio: true,
      ffmpeg: stuck,
      init: () => splitter.init,
      logger: createMemoryLogger(),
      now: Date.now,
      onChange: () => changes++,
      maxQueueBytes: 512 * 1024,
      stopTimeoutMs: 300,
    });
    try {
      streamer.start();
      const clusterBytes = 64 * 1024;
      splitter.push(HEADER);
      for (let i = 0; i < 64; i++) for (const piece of splitter.push(cluster(i, clusterBytes))) streamer.push(piece);
      const health = streamer.health();
      // 4 MiB pushed into a pipe of at most ~1 MiB and a 512 KiB queue: the rest was dropped.
      expect(health.droppedBytes).toBeGreaterThan(2 * 1024 * 1024);
      expect(health.droppedBytes % (clusterBytes + 15)).toBe(0);
      expect(health.warnings).toContain('dropped');
      expect(changes).toBeGreaterThan(0);
      const started = Date.now();
      await streamer.stop();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(streamer.state).toBe('ended');
      expect(streamer.pid).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
