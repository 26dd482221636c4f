import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { MediaService } from '../media/media-service';
import { ffprobeJson, makeRecorderWebm, requireTools, topLevelBoxes, type ProbedStream } from '../media/test-inputs';
import { BackgroundEncoder, PREPARED_FILE, PREPARED_NOTE, readPrepared } from './background-encoder';

const tools = requireTools();
const encoder = { preset: 'superfast', crf: 28 } as const;
let root: string;
let take: Buffer;
let silent: Buffer;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'live-encode-'));
  take = readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 480, height: 270, seconds: 3, codec: 'vp8' }));
  silent = readFileSync(makeRecorderWebm(tools, path.join(root, 'silent.webm'), { width: 360, height: 640, seconds: 2, codec: 'vp9', audio: false }));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function start(dir: string, extra: Partial<ConstructorParameters<typeof BackgroundEncoder>[0]> = {}): BackgroundEncoder {
  return new BackgroundEncoder({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe!, dir, encoder, flip: false, logger: createMemoryLogger(), now: Date.now, ...extra });
}

/** Feeds `bytes` in `pieces` chunks as a recorder would, `gapMs` apart. */
async function feed(target: BackgroundEncoder, bytes: Buffer, pieces: number, gapMs = 0): Promise<void> {
  const size = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < pieces; i++) {
    target.push(new Uint8Array(bytes.subarray(i * size, (i + 1) * size)));
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

const streams = (file: string): { video: ProbedStream; audio: ProbedStream | undefined; duration: number } => {
  const probed = ffprobeJson(tools, file);
  return { video: probed.streams.find((s) => s.codec_type === 'video')!, audio: probed.streams.find((s) => s.codec_type === 'audio'), duration: Number(probed.format.duration) };
};

describe('BackgroundEncoder', () => {
  it('turns a WebM fed in chunks into the same platform MP4 the export makes from the whole file', async () => {
    const dir = folder('same');
    const live = start(dir);
    await feed(live, take, 12, 20);
    const outcome = await live.finish();
    expect(outcome).toMatchObject({ ok: true });
    if (!outcome.ok) return;
    expect(outcome.prepared.file).toBe(path.join(dir, PREPARED_FILE));
    expect(await readPrepared(dir)).toEqual({ file: outcome.prepared.file, note: { version: 1, encoder, flip: false } });

    const media = new MediaService({ tools: () => tools, logger: createMemoryLogger(), now: Date.now, encoder: () => encoder });
    const old = await media.export({ source: { kind: 'video', file: path.join(root, 'take.webm') }, outputDir: dir, baseName: 'old', frames: false }).done;
    const a = streams(outcome.prepared.file);
    const b = streams(old.file);
    const format = (s: ProbedStream | undefined) => ({
      codec_name: s?.codec_name,
      profile: s?.profile,
      pix_fmt: s?.pix_fmt,
      width: s?.width,
      height: s?.height,
      avg_frame_rate: s?.avg_frame_rate,
      r_frame_rate: s?.r_frame_rate,
      sample_rate: s?.sample_rate,
      channels: s?.channels,
    });
    expect(format(a.video)).toEqual({
      codec_name: 'h264',
      profile: 'High',
      pix_fmt: 'yuv420p',
      width: 480,
      height: 270,
      avg_frame_rate: '30/1',
      r_frame_rate: '30/1',
      sample_rate: undefined,
      channels: undefined,
    });
    expect(format(a.video)).toEqual(format(b.video));
    expect(format(a.audio)).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(format(a.audio)).toEqual(format(b.audio));
    expect(Math.abs(a.duration - b.duration)).toBeLessThanOrEqual(0.1);
    expect(a.video.nb_frames).toBe(b.video.nb_frames);
    const boxes = topLevelBoxes(outcome.prepared.file);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('pauses cost nothing: the time no chunk arrives is not in the MP4, which lasts as long as the recorded media', async () => {
    // MediaRecorder.pause() stops the chunks and Chromium's muxer leaves the paused time out of the
    // timestamps (the journal's t is media time for the same reason); the encode follows the stream's
    // timestamps, never the wall clock, so a 1.5 s pause mid-take leaves no frozen frames.
    const dir = folder('pause');
    const live = start(dir);
    const half = Math.floor(take.length / 2);
    await feed(live, take.subarray(0, half), 4);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await feed(live, take.subarray(half), 4);
    const outcome = await live.finish();
    expect(outcome.ok).toBe(true);
    const { video, duration } = streams(path.join(dir, PREPARED_FILE));
    expect(Math.abs(duration - 3)).toBeLessThanOrEqual(0.1);
    expect(Number(video.nb_frames)).toBe(90);
  });

  it('gives a take without sound the export’s silent AAC track and fits a portrait picture the same way', async () => {
    const dir = folder('silent');
    const live = start(dir, { flip: true });
    await feed(live, silent, 5);
    const outcome = await live.finish();
    expect(outcome.ok).toBe(true);
    const { video, audio, duration } = streams(path.join(dir, PREPARED_FILE));
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', width: 360, height: 640, avg_frame_rate: '30/1' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(Math.abs(duration - 2)).toBeLessThanOrEqual(0.1);
    expect((await readPrepared(dir))?.note.flip).toBe(true);
  });

  it('killed mid-take: gives up, leaves no MP4, and reports why', async () => {
    const dir = folder('killed');
    const live = start(dir);
    await feed(live, take.subarray(0, take.length / 2), 4, 20);
    process.kill(live.pid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await feed(live, take.subarray(take.length / 2), 4);
    const outcome = await live.finish();
    expect(outcome).toEqual({ ok: false, reason: 'ffmpeg was stopped by SIGKILL' });
    expect(existsSync(path.join(dir, PREPARED_FILE))).toBe(false);
    expect(existsSync(path.join(dir, PREPARED_NOTE))).toBe(false);
    expect(await readPrepared(dir)).toBeNull();
  });

  it('killed with chunks still queued behind its pipe: finish does not wait for a drain that never comes', async () => {
    const live = start(folder('killed-queued'));
    await feed(live, take.subarray(0, take.length / 4), 2, 20);
    process.kill(live.pid!, 'SIGKILL');
    // Straight on, before the exit is noticed: these queue behind a pipe nobody reads any more.
    await feed(live, Buffer.concat([take, take, take]), 24);
    const outcome = await Promise.race([live.finish(), new Promise((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
    expect(outcome).toMatchObject({ ok: false });
  });

  it('too far behind or too slow to finish: given up, so the export encodes the old way', async () => {
    const behind = start(folder('behind'), { maxBacklogBytes: 64 * 1024 });
    await feed(behind, take, 2);
    expect(behind.failure).toMatch(/fell \d+ KiB behind the take/);
    expect(await behind.finish()).toMatchObject({ ok: false, reason: expect.stringMatching(/behind/) });

    const dir = folder('slow');
    const slow = start(dir, { finishTimeoutMs: 1 });
    await feed(slow, take, 4);
    expect(await slow.finish()).toMatchObject({ ok: false, reason: expect.stringMatching(/had not finished/) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('not a WebM: ffmpeg ends early and the encode is given up', async () => {
    const live = start(folder('garbage'));
    live.push(new Uint8Array(4096).fill(7));
    const outcome = await live.finish();
    expect(outcome.ok).toBe(false);
  });
});
