import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DestinationId, DestinationState } from '@shared/ipc/nouns/live-stream';
import { createMemoryLogger } from '../logger';
import { requireTools } from '../media/test-inputs';
import { StreamFanout } from './stream-fanout';

/**
 * The fan-out against two real RTMP receivers (ffmpeg listening, one connection each): both go
 * live; one receiver is killed mid-stream → that destination reconnects while the other keeps
 * sending; the receiver comes back → live again; Stop ends both cleanly. Keys never reach the log.
 */
const tools = requireTools();
const SECONDS = 20;
let root: string;
let webm: Buffer;
const children = new Set<ChildProcess>();

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'live-stream-'));
  // A recorder-like live WebM (unknown sizes, VP8 + Opus, a keyframe a second), made as cheaply as ffmpeg can.
  const file = path.join(root, 'capture.webm');
  const lavfi = (graph: string) => ['-f', 'lavfi', '-i', `${graph}:duration=${SECONDS}`];
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-y',
    ...lavfi('testsrc=size=320x180:rate=30'),
    ...lavfi('sine=frequency=440:sample_rate=48000'),
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '16',
    '-b:v',
    '500k',
    '-g',
    '30',
    '-c:a',
    'libopus',
    '-b:a',
    '32k',
    '-live',
    '1',
    '-f',
    'webm',
    file,
  ]);
  webm = readFileSync(file);
}, 30_000);
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An RTMP server for one publish (what a service's ingest is to us); counts the frames it decoded. */
function receiver(port: number, key: string): { child: ChildProcess; frames: () => number } {
  const child = spawn(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-listen', '1', '-f', 'flv', '-i', `rtmp://127.0.0.1:${port}/live/${key}`, '-progress', 'pipe:1', '-f', 'null', '-'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.add(child);
  child.once('close', () => children.delete(child));
  let frames = 0;
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    for (const m of text.matchAll(/^frame=(\d+)/gm)) frames = Number(m[1]);
  });
  return { child, frames: () => frames };
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('streams to two destinations; one drops and comes back while the other stays live', async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  const keyA = 'keyA_secret_7f3a9c';
  const keyB = 'keyB_secret_2d81e4';
  const recvA = receiver(portA, keyA);
  let recvB = receiver(portB, keyB);
  const logger = createMemoryLogger();
  const fanout = new StreamFanout({
    ffmpeg: tools.ffmpeg,
    targets: [
      { id: 'dst_aaaaaaaa' as DestinationId, name: 'A', url: `rtmp://127.0.0.1:${portA}/live`, key: keyA },
      { id: 'dst_bbbbbbbb' as DestinationId, name: 'B', url: `rtmp://127.0.0.1:${portB}/live`, key: keyB },
    ],
    output: { orientation: 'landscape', preset: '720p30', videoKbps: 1000 },
    hasAudio: true,
    logger,
    now: Date.now,
    onChange: () => {},
    tickMs: 250,
    tuning: { backoffMs: [300, 600, 1200], stallMs: 5000 },
  });
  const state = (id: string): DestinationState => fanout.health().find((h) => h.id === id)!.state;
  const a = 'dst_aaaaaaaa';
  const b = 'dst_bbbbbbbb';

  // The capture arrives as a recorder sends it: 250 ms slices at the file's own rate.
  const slice = Math.ceil(webm.length / (SECONDS * 4));
  let offset = 0;
  const feeder = setInterval(() => {
    if (offset >= webm.length) return;
    fanout.push(new Uint8Array(webm.subarray(offset, offset + slice)));
    offset += slice;
  }, 250);

  try {
    await until('both live', () => state(a) === 'live' && state(b) === 'live', 10_000);
    const live = fanout.health().find((h) => h.id === a)!;
    expect(live.kbps).toBeGreaterThan(0);
    expect(live.frames).toBeGreaterThan(0);

    recvB.child.kill('SIGKILL');
    await until('B reconnecting', () => state(b) === 'reconnecting', 5_000);
    const framesA = recvA.frames();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // A never noticed: still live, its receiver still decoding frames.
    expect(state(a)).toBe('live');
    expect(recvA.frames()).toBeGreaterThan(framesA + 10);
    const dropped = fanout.health().find((h) => h.id === b)!;
    expect(dropped.reason).toBeTruthy();
    expect(dropped.reason).not.toContain(keyB);

    recvB = receiver(portB, keyB);
    await until('B live again', () => state(b) === 'live', 8_000);
    expect(fanout.health().find((h) => h.id === b)!.reconnects).toBeGreaterThanOrEqual(1);
    await until('B receiving', () => recvB.frames() > 0, 5_000);
  } finally {
    clearInterval(feeder);
    const stopping = Date.now();
    await fanout.stop();
    expect(Date.now() - stopping).toBeLessThan(4_000);
  }
  expect(fanout.health().map((h) => h.state)).toEqual(['ended', 'ended']);
  // Stop closed the input: the receivers saw the stream end and exited by themselves.
  await until('receivers done', () => recvA.child.exitCode !== null && recvB.child.exitCode !== null, 5_000);
  const log = logger.lines.join('\n');
  expect(log).not.toContain(keyA);
  expect(log).not.toContain(keyB);
}, 40_000);
