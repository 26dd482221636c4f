import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DraftStatus } from '@shared/domain/drafts';
import { StudioFailure } from '@shared/ipc/result';
import { createMemoryLogger } from '../logger';
import { AAC_STEREO_OPTIONS } from '../media/export-plan';
import { ffprobeJson, makeRecorderWebm, requireTools, topLevelBoxes } from '../media/test-inputs';
import { planThanksClip, THANKS_CLIP_FILE, ThanksClips, type ClipDraft } from './thanks-clip';

const tools = requireTools();
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'thanks-clip-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A draft folder holding a take as MediaRecorder writes it. */
function take(name: string, seconds: number, o: Readonly<{ audio?: boolean; width?: number; height?: number }> = {}): ClipDraft {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  const file = makeRecorderWebm(tools, path.join(dir, 'take.webm'), { width: o.width ?? 320, height: o.height ?? 240, seconds, codec: 'vp8', audio: o.audio ?? true, fps: 15 });
  return { kind: 'video', status: 'ready', file, dir };
}

function clipsFor(drafts: Record<string, ClipDraft>, maxBytes?: number): ThanksClips {
  return new ThanksClips({
    tools: () => Promise.resolve(tools),
    draft: (id) => {
      const d = drafts[id];
      if (!d) throw new StudioFailure('not_found', { key: 'drafts.gone' });
      return d;
    },
    logger: createMemoryLogger(),
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });
}

const refusal = async (promise: Promise<unknown>): Promise<StudioFailure> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioFailure);
  return error as StudioFailure;
};

describe('planThanksClip', () => {
  test('the platform MP4: H.264 yuv420p at 30 fps within 1280 px, the export’s AAC, moov first, no metadata', () => {
    const plan = planThanksClip('in.webm', 'out.mp4', 3000);
    const argv = plan.outputOptions.join(' ');
    expect(argv).toContain(AAC_STEREO_OPTIONS.join(' '));
    expect(argv).toContain('-c:v libx264');
    expect(argv).toContain('-movflags +faststart');
    expect(argv).toContain('-map_metadata -1');
    expect(argv).toContain('-map 0:a:0?');
    expect(argv).toMatch(/-vf fps=30,scale=w='min\(1280,iw\)':h='min\(1280,ih\)':force_original_aspect_ratio=decrease:force_divisible_by=2/);
    expect(plan.outputOptions.slice(0, 2)).toEqual(['-t', '3.000']);
    expect(plan.output).toBe('out.mp4');
  });

  test('a take a little over 15 s is cut short of 15 s, so the platform’s ffprobe reads at most 15.000', () => {
    const plan = planThanksClip('in.webm', 'out.mp4', 15_400);
    expect(plan.outputOptions.slice(0, 2)).toEqual(['-t', '14.900']);
    expect(plan.durationMs).toBe(14_900);
  });
});

describe('ThanksClips', () => {
  test('a take becomes an H.264 + AAC MP4 beside it, moov first; a second call reuses it without encoding again', async () => {
    const draft = take('short', 2, { width: 1920, height: 1080 });
    const clips = clipsFor({ d1: draft });
    const clip = await clips.prepare('d1');
    expect(clip.file).toBe(path.join(draft.dir, THANKS_CLIP_FILE));
    const probed = ffprobeJson(tools, clip.file);
    const video = probed.streams.find((s) => s.codec_type === 'video')!;
    const audio = probed.streams.find((s) => s.codec_type === 'audio')!;
    expect(video).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, pix_fmt: 'yuv420p' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(clip.durationMs).toBeGreaterThan(1_800);
    expect(clip.durationMs).toBeLessThanOrEqual(2_100);
    expect(clip.sizeBytes).toBe(statSync(clip.file).size);
    const boxes = topLevelBoxes(clip.file);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const mtime = statSync(clip.file).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await clips.prepare('d1')).toEqual(clip);
    expect(statSync(clip.file).mtimeMs).toBe(mtime);
  }, 60_000);

  test('a take without sound stays without; one stopped just past 15 s is trimmed to fit', async () => {
    const clips = clipsFor({ silent: take('silent', 2, { audio: false }), over: take('over', 15.5, { audio: true }) });
    const silent = await clips.prepare('silent');
    expect(ffprobeJson(tools, silent.file).streams.map((s) => s.codec_type)).toEqual(['video']);
    const over = await clips.prepare('over');
    expect(over.durationMs).toBeLessThanOrEqual(15_000);
    expect(over.durationMs).toBeGreaterThan(14_500);
    expect(Number(ffprobeJson(tools, over.file).format.duration)).toBeLessThanOrEqual(15);
  }, 90_000);

  test('refused in words: too long, too big, not finished, not a video, gone; nothing half-written is kept', async () => {
    const long = take('long', 17);
    const small = take('small', 2);
    const clips = clipsFor({ long, small, recording: { ...small, status: 'recording' as DraftStatus }, photo: { ...small, kind: 'photo' } });
    const tooLong = await refusal(clips.prepare('long'));
    expect(tooLong).toMatchObject({ code: 'invalid_input', key: 'live.clipTooLong', params: { seconds: '17.0', max: 15 } });
    expect(tooLong.message).toBe('The clip is 17.0 s long; a thanks clip is at most 15 s. Record a shorter one.');
    expect(statSync(long.dir, { throwIfNoEntry: false })).toBeDefined();
    expect(statSync(path.join(long.dir, THANKS_CLIP_FILE), { throwIfNoEntry: false })).toBeUndefined();

    const tooBig = await refusal(clipsFor({ small }, 1000).prepare('small'));
    expect(tooBig).toMatchObject({ code: 'invalid_input', key: 'live.clipTooBig' });
    expect(tooBig.message).toMatch(/^The clip is \d+\.\d MiB; a thanks clip is at most \d+\.\d MiB/);

    expect(await refusal(clips.prepare('recording'))).toMatchObject({ code: 'conflict', key: 'live.clipNotReady' });
    expect(await refusal(clips.prepare('photo'))).toMatchObject({ code: 'conflict', key: 'live.clipNotReady' });
    expect(await refusal(clips.prepare('nope'))).toMatchObject({ code: 'not_found' });
  }, 90_000);

  test('a take ffmpeg cannot read is refused with its reason, and no partial file is left', async () => {
    const dir = path.join(root, 'broken');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'take.webm');
    writeFileSync(file, 'not a video at all');
    const refused = await refusal(clipsFor({ broken: { kind: 'video', status: 'ready', file, dir } }).prepare('broken'));
    expect(refused).toMatchObject({ code: 'unsupported_media', key: 'live.clipNotMade' });
    expect(readdirSync(dir)).toEqual(['take.webm']);
  }, 30_000);
});
