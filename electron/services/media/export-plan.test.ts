import { describe, expect, it } from 'vitest';
import { fitWithin, frameTimes, planArgv, planExport, planLiveEncode, planRemux } from './export-plan';
import type { MediaInfo } from './probe';

const info = (o: Partial<MediaInfo>): MediaInfo => ({
  durationMs: 3000,
  videoDurationMs: null,
  width: 1280,
  height: 720,
  fps: 30,
  videoCodec: 'vp9',
  audioCodec: 'opus',
  formatName: 'matroska,webm',
  isStill: false,
  ...o,
});

describe('fitWithin', () => {
  it('keeps a picture that already fits, never upscaling', () => {
    expect(fitWithin(1280, 720)).toEqual({ width: 1280, height: 720 });
    expect(fitWithin(720, 1280)).toEqual({ width: 720, height: 1280 });
  });
  it('fits landscape into 1920×1080 and portrait into 1080×1920, keeping the aspect', () => {
    expect(fitWithin(3840, 2160)).toEqual({ width: 1920, height: 1080 });
    expect(fitWithin(2160, 3840)).toEqual({ width: 1080, height: 1920 });
    expect(fitWithin(4000, 1000)).toEqual({ width: 1920, height: 480 });
    expect(fitWithin(1440, 3200)).toEqual({ width: 864, height: 1920 });
  });
  it('makes odd sizes even, as yuv420p needs', () => {
    expect(fitWithin(641, 361)).toEqual({ width: 642, height: 362 });
    const { width, height } = fitWithin(1999, 1111);
    expect(width % 2).toBe(0);
    expect(height % 2).toBe(0);
    expect(width).toBeLessThanOrEqual(1920);
    expect(height).toBeLessThanOrEqual(1080);
  });
  it('treats a square as landscape (fits 1080×1080)', () => {
    expect(fitWithin(2000, 2000)).toEqual({ width: 1080, height: 1080 });
  });
});

describe('planExport', () => {
  it('asks for the platform format: H.264 High yuv420p, AAC 48 kHz 128 kb/s, 30 fps CFR, faststart', () => {
    const argv = planArgv(planExport({ kind: 'video', file: 'in.webm', info: info({}) }, 'out.mp4', { preset: 'fast', crf: 20 })).join(' ');
    expect(argv).toContain('-c:v libx264 -preset fast -crf 20 -profile:v high -pix_fmt yuv420p -r 30');
    expect(argv).toContain('-c:a aac -b:a 128k -ar 48000');
    expect(argv).toContain('-g 60');
    expect(argv).toContain('-movflags +faststart');
    expect(argv).toContain('fps=30,scale=1280:720');
    expect(argv).toContain('-map 0:a:0');
    expect(argv).not.toContain('anullsrc');
  });
  it('flips a mirrored take back before scaling, and leaves others as they are', () => {
    const flipped = planArgv(planExport({ kind: 'video', file: 'in.webm', info: info({}), flip: true }, 'out.mp4', { preset: 'fast', crf: 20 })).join(' ');
    expect(flipped).toContain('fps=30,hflip,scale=1280:720');
    const plain = planArgv(planExport({ kind: 'video', file: 'in.webm', info: info({}) }, 'out.mp4', { preset: 'fast', crf: 20 })).join(' ');
    expect(plain).not.toContain('hflip');
  });
  it('adds a silent AAC track of the same length when the source has no sound', () => {
    const plan = planExport({ kind: 'video', file: 'in.webm', info: info({ audioCodec: null, durationMs: 2500 }) }, 'out.mp4', { preset: 'veryfast', crf: 23 });
    const argv = planArgv(plan).join(' ');
    expect(argv).toContain('-f lavfi -t 2.500 -i anullsrc');
    expect(argv).toContain('-map 1:a:0');
  });
  it('loops a still picture for the chosen seconds', () => {
    const plan = planExport({ kind: 'still', file: 'look.png', info: info({ isStill: true, durationMs: 0, width: 1080, height: 1350 }), seconds: 4 }, 'out.mp4', { preset: 'veryfast', crf: 23 });
    expect(plan.durationMs).toBe(4000);
    expect(planArgv(plan).join(' ')).toContain('-loop 1 -framerate 30 -t 4.000 -i look.png');
  });
});

describe('frameTimes', () => {
  it('takes the poster early and spreads the covers, all inside the video', () => {
    expect(frameTimes(10_000)).toEqual({ poster: 1000, covers: [2000, 5000, 8000] });
    const short = frameTimes(300);
    for (const t of [short.poster, ...short.covers]) expect(t).toBeLessThan(300);
  });
});

describe('planRemux', () => {
  it('names the container itself, so a `.part` output name cannot pick the wrong muxer', () => {
    expect(planArgv(planRemux('capture.raw.mp4', 'capture.mp4.part', 'mp4', 0)).join(' ')).toContain('-map 0 -c copy -f mp4 capture.mp4.part');
    expect(planArgv(planRemux('capture.raw.webm', 'capture.webm.part', 'webm', 0)).join(' ')).toContain('-c copy -f webm');
  });
});

describe('planLiveEncode', () => {
  it('reads the take from stdin and writes the export’s codecs and container, sound optional', () => {
    const live = planArgv(planLiveEncode('out.mp4', { preset: 'fast', crf: 20 }, true)).join(' ');
    const old = planArgv(planExport({ kind: 'video', file: 'in.webm', info: info({}), flip: true }, 'out.mp4', { preset: 'fast', crf: 20 })).join(' ');
    expect(live).toContain('-f matroska -i pipe:0');
    expect(live).toContain('-map 0:a:0?');
    expect(live).toContain('-vf fps=30,hflip,scale=w=');
    const codecs = (argv: string): string => argv.slice(argv.indexOf('-c:v'));
    expect(codecs(live)).toBe(codecs(old));
  });
});
