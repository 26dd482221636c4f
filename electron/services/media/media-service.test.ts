import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedExportNote } from '@shared/domain/recording/encode-timing';
import type { ExportProgress } from '@shared/domain/recording/export-progress';
import { createMemoryLogger } from '../logger';
import { MediaError } from './media-error';
import { MediaService, type MediaServiceDeps } from './media-service';
import { ffprobeJson, isJpeg, makeRecorderWebm, makeStill, requireTools, topLevelBoxes } from './test-inputs';

const tools = requireTools();
let dir: string;
let webm: string;
let portrait: string;
let still: string;
let bigStill: string;

const service = (extra: Partial<MediaServiceDeps> = {}): MediaService =>
  new MediaService({ tools: () => tools, logger: createMemoryLogger(), now: Date.now, encoder: () => ({ preset: 'superfast', crf: 28 }), ...extra });

const mediaError =
  (code: MediaError['code'], message?: RegExp) =>
  (e: unknown): boolean =>
    e instanceof MediaError && e.code === code && (!message || message.test(e.message));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'media-test-'));
  webm = makeRecorderWebm(tools, path.join(dir, 'take.webm'), { width: 640, height: 360, seconds: 2, codec: 'vp9' });
  portrait = makeRecorderWebm(tools, path.join(dir, 'portrait.webm'), { width: 1200, height: 2134, seconds: 1, codec: 'vp8', audio: false, fps: 24 });
  still = makeStill(tools, path.join(dir, 'look.png'), 540, 960);
  bigStill = makeStill(tools, path.join(dir, 'big.png'), 1920, 1080);
  // Four encodes made up front: seconds on a loaded 2-core machine, past the 10 s default.
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('MediaService export', () => {
  it('takes all three covers and the poster from the picture when the sound outlasts it', async () => {
    // 0.8 s of picture under 3 s of sound: grabs timed on the container would land past the last frame.
    const short = path.join(dir, 'short-picture.mkv');
    execFileSync(tools.ffmpeg, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=30:duration=0.8',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=3',
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      short,
    ]);
    const result = await service().export({ source: { kind: 'video', file: short }, outputDir: dir, baseName: 'short-picture' }).done;
    expect(result.posterFile && isJpeg(result.posterFile)).toBe(true);
    expect(result.coverFiles).toHaveLength(3);
    for (const cover of result.coverFiles) expect(isJpeg(cover)).toBe(true);
  });

  it('turns MediaRecorder WebM (VP9 + Opus, no duration) into the platform MP4 with a poster and three covers', async () => {
    expect(ffprobeJson(tools, webm).format.duration).toBeUndefined();
    const progress: ExportProgress[] = [];
    const result = await service().export({ source: { kind: 'video', file: webm }, outputDir: dir, baseName: 'take-export', onProgress: (p) => progress.push(p) }).done;

    const probed = ffprobeJson(tools, result.file);
    const video = probed.streams.find((s) => s.codec_type === 'video')!;
    const audio = probed.streams.find((s) => s.codec_type === 'audio')!;
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width: 640, height: 360, avg_frame_rate: '30/1', r_frame_rate: '30/1' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(Math.abs(Number(probed.format.duration) - 2)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(result.durationMs - 2000)).toBeLessThanOrEqual(100);
    const boxes = topLevelBoxes(result.file);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    expect(result.posterFile && isJpeg(result.posterFile)).toBe(true);
    expect(result.coverFiles).toHaveLength(3);
    for (const cover of result.coverFiles) expect(isJpeg(cover)).toBe(true);
    expect(existsSync(`${result.file}.part`)).toBe(false);

    expect(progress[0]).toMatchObject({ state: 'running', percent: 0 });
    expect(progress.at(-1)).toMatchObject({ state: 'finishing', percent: 99 });
    const percents = progress.map((p) => p.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it('fits a tall 24 fps picture into 1080×1920 at a constant 30 fps, keeping its aspect, and adds a silent AAC track', async () => {
    const result = await service().export({ source: { kind: 'video', file: portrait }, outputDir: dir, baseName: 'portrait', frames: false }).done;
    const probed = ffprobeJson(tools, result.file);
    expect(probed.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 1080, height: 1920, avg_frame_rate: '30/1', r_frame_rate: '30/1', nb_frames: '30' });
    expect(probed.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac', sample_rate: '48000' });
    expect(Math.abs(Number(probed.format.duration) - 1)).toBeLessThanOrEqual(0.1);
    expect(result.posterFile).toBeNull();
  });

  it('makes a video of N seconds from a still photo that repeats the composited frame', async () => {
    const result = await service().export({ source: { kind: 'still', file: still, seconds: 2 }, outputDir: dir, baseName: 'still', frames: false }).done;
    const probed = ffprobeJson(tools, result.file);
    expect(probed.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 540, height: 960, avg_frame_rate: '30/1' });
    expect(Math.abs(Number(probed.format.duration) - 2)).toBeLessThanOrEqual(0.1);
    // Every frame is the same picture: ffmpeg's freezedetect sees one freeze spanning the video.
    const run = spawnSync(tools.ffmpeg, ['-hide_banner', '-i', result.file, '-vf', 'freezedetect=n=0.001:d=1', '-map', '0:v', '-f', 'null', '-'], { encoding: 'utf8' });
    expect(run.stderr).toMatch(/freeze_start: 0\b/);
    expect(run.stderr).not.toMatch(/freeze_end/);
  });

  it('runs exports one at a time in the order they were asked for', async () => {
    const media = service();
    const events: string[] = [];
    const handles = ['q1', 'q2', 'q3'].map((name) => {
      const handle = media.export({
        source: { kind: 'still', file: still, seconds: 1 },
        outputDir: dir,
        baseName: name,
        frames: false,
        onProgress: (p) => {
          if (p.state === 'queued') events.push(`${name} waits behind ${p.ahead}`);
          if (p.state === 'running' && p.percent === 0) events.push(`${name} runs`);
        },
      });
      void handle.done.then(() => events.push(`${name} done`));
      return handle;
    });
    await Promise.all(handles.map((h) => h.done));
    expect(events.slice(0, 3)).toEqual(['q2 waits behind 1', 'q3 waits behind 2', 'q1 runs']);
    expect(events).toContain('q3 waits behind 1');
    expect(events.filter((e) => e.endsWith('runs'))).toEqual(['q1 runs', 'q2 runs', 'q3 runs']);
    expect(events.indexOf('q1 done')).toBeLessThan(events.indexOf('q2 runs'));
    expect(events.indexOf('q2 done')).toBeLessThan(events.indexOf('q3 runs'));
  });

  it('cancels a running export (killing ffmpeg, leaving no file) and a waiting one', async () => {
    const media = service({ encoder: () => ({ preset: 'medium', crf: 18 }) });
    const long = media.export({ source: { kind: 'still', file: bigStill, seconds: 120 }, outputDir: dir, baseName: 'long' });
    const waiting = media.export({ source: { kind: 'still', file: still, seconds: 1 }, outputDir: dir, baseName: 'never' });
    waiting.cancel();
    await expect(waiting.done).rejects.toSatisfy(mediaError('cancelled'));
    // ffmpeg is running once it has opened its output.
    const part = path.join(dir, 'long.mp4.part');
    while (!existsSync(part)) await new Promise((r) => setTimeout(r, 20));
    if (process.platform === 'linux') {
      // Exports run below normal priority, so a take being shot meanwhile keeps its frames.
      const pid = execFileSync('pgrep', ['-f', part], { encoding: 'utf8' }).trim().split('\n')[0]!;
      const nice = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      expect(nice).toBe(10);
    }
    const asked = Date.now();
    long.cancel();
    await expect(long.done).rejects.toSatisfy(mediaError('cancelled'));
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(readdirSync(dir).filter((f) => f.startsWith('long') || f.startsWith('never'))).toEqual([]);
    expect(media.pending()).toEqual({ running: null, waiting: [] });
  });

  it("reports ffmpeg's own message when ffmpeg fails", async () => {
    const missing = path.join(dir, 'no-such-folder');
    await expect(service().export({ source: { kind: 'video', file: webm }, outputDir: missing, baseName: 'x' }).done).rejects.toSatisfy(mediaError('ffmpeg-failed', /No such file or directory/));
  });

  it('refuses corrupt input with a clear error naming the file', async () => {
    const junk = path.join(dir, 'junk.webm');
    writeFileSync(junk, Buffer.from('this is not a video, just some words pretending'.repeat(50)));
    await expect(service().export({ source: { kind: 'video', file: junk }, outputDir: dir, baseName: 'junk' }).done).rejects.toSatisfy(mediaError('corrupt-input', /junk\.webm/));
    await expect(service().probe(path.join(dir, 'absent.webm'))).rejects.toSatisfy(mediaError('io', /absent\.webm/));
    const soundOnly = path.join(dir, 'sound-only.webm');
    execFileSync(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=0.5', '-c:a', 'libopus', soundOnly]);
    await expect(service().export({ source: { kind: 'video', file: soundOnly }, outputDir: dir, baseName: 'sound' }).done).rejects.toSatisfy(
      mediaError('corrupt-input', /sound-only\.webm has no picture/),
    );
  });

  it('says clearly when no ffmpeg was found', async () => {
    await expect(service({ tools: () => null }).export({ source: { kind: 'video', file: webm }, outputDir: dir, baseName: 'x' }).done).rejects.toSatisfy(
      mediaError('ffmpeg-missing', /ffmpeg was not found/),
    );
  });

  it('never hangs on a stuck ffmpeg: an input that never delivers data times out', async () => {
    const fifo = path.join(dir, 'stuck.fifo');
    execFileSync('mkfifo', [fifo]);
    const media = service({ timeouts: { toolMs: 800, stallMs: 800 } });
    const asked = Date.now();
    await expect(media.probe(fifo)).rejects.toSatisfy(mediaError('timeout'));
    await expect(media.remux(fifo, path.join(dir, 'stuck.webm'))).rejects.toSatisfy(mediaError('timeout', /no progress/));
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(existsSync(path.join(dir, 'stuck.webm.part'))).toBe(false);
  });

  it('makes a thumbnail and probes a recording', async () => {
    const thumb = path.join(dir, 'thumb.jpg');
    const info = await service().thumbnailFor(webm, thumb, 320);
    expect(isJpeg(thumb)).toBe(true);
    expect(ffprobeJson(tools, thumb).streams[0]).toMatchObject({ width: 320, height: 180 });
    expect(info).toMatchObject({ width: 640, height: 360, videoCodec: 'vp9', audioCodec: 'opus', isStill: false });
    expect(Math.abs(info.durationMs - 2000)).toBeLessThanOrEqual(100);
  });
});

describe('MediaService export from an encode made while recording', () => {
  it('uses a pre-encoded MP4 that checks out, and encodes the source when it does not', async () => {
    const media = service();
    const small = makeRecorderWebm(tools, path.join(dir, 'small.webm'), { width: 320, height: 180, seconds: 1, codec: 'vp8' });
    // A correct stand-in: what the export itself writes for this take and these settings.
    const made = await media.export({ source: { kind: 'video', file: small }, outputDir: dir, baseName: 'made', frames: false }).done;
    const spare = path.join(dir, 'made-spare.mp4');
    copyFileSync(made.file, spare);
    const note: PreparedExportNote = { version: 1, encoder: { preset: 'superfast', crf: 28 }, flip: false };
    const inode = (f: string): number => statSync(f).ino;
    const madeInode = inode(made.file);
    const adopted = await media.export({ source: { kind: 'video', file: small }, outputDir: dir, baseName: 'adopted', prepared: async () => ({ file: made.file, note }) }).done;
    // Moved into place, not encoded again: the same file, with the export's poster and covers.
    expect(inode(adopted.file)).toBe(madeInode);
    expect(existsSync(made.file)).toBe(false);
    expect(adopted.posterFile && isJpeg(adopted.posterFile)).toBe(true);
    expect(adopted.coverFiles).toHaveLength(3);

    // Made with other settings than the export's now: discarded, and the take is encoded as before.
    // A second link keeps the spare's inode taken, so a new file cannot be given its number.
    const spareInode = inode(spare);
    linkSync(spare, path.join(dir, 'made-spare.pin'));
    const stale = await media.export({
      source: { kind: 'video', file: small },
      outputDir: dir,
      baseName: 'stale',
      frames: false,
      prepared: async () => ({ file: spare, note: { ...note, encoder: { preset: 'fast', crf: 20 } } }),
    }).done;
    expect(existsSync(spare)).toBe(false);
    expect(inode(stale.file)).not.toBe(spareInode);
    expect(ffprobeJson(tools, stale.file).streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', profile: 'High', avg_frame_rate: '30/1' });

    // Not an MP4 at all (a torn encode), or a provider that fails: encoded as before.
    const torn = path.join(dir, 'torn.mp4');
    writeFileSync(torn, Buffer.alloc(2048, 1));
    const fromTorn = await media.export({ source: { kind: 'video', file: small }, outputDir: dir, baseName: 'from-torn', frames: false, prepared: async () => ({ file: torn, note }) }).done;
    expect(Math.abs(fromTorn.durationMs - 1000)).toBeLessThanOrEqual(100);
    const fromFailed = await media.export({ source: { kind: 'video', file: small }, outputDir: dir, baseName: 'from-failed', frames: false, prepared: () => Promise.reject(new Error('encoder gone')) })
      .done;
    expect(ffprobeJson(tools, fromFailed.file).streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
  }, 90_000);
});
