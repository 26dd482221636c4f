import { describe, expect, it } from 'vitest';
import type { StreamOutput } from '@shared/ipc/nouns/live-stream';
import { chooseVideo, H264_CODEC_ID, streamArgv } from './stream-plan';

const landscape: StreamOutput = { orientation: 'landscape', preset: '720p30', videoKbps: 2500 };
const portrait: StreamOutput = { ...landscape, orientation: 'portrait' };
const h264 = (width: number, height: number) => ({ trackNumber: 1, codecId: H264_CODEC_ID, width, height });

describe('chooseVideo', () => {
  it('copies an H.264 capture that fits the output frame and its orientation', () => {
    expect(chooseVideo(h264(1280, 720), landscape)).toEqual({ mode: 'copy' });
    // 4:3 on a 16:9 output goes as 4:3: the player letterboxes it.
    expect(chooseVideo(h264(640, 480), landscape)).toEqual({ mode: 'copy' });
    expect(chooseVideo(h264(720, 1280), portrait)).toEqual({ mode: 'copy' });
    expect(chooseVideo(h264(1920, 1080), { ...landscape, preset: '1080p30' })).toEqual({ mode: 'copy' });
  });

  it('re-encodes VP8/VP9, a larger frame, the other orientation, an unknown capture, or when asked', () => {
    expect(chooseVideo({ ...h264(640, 480), codecId: 'V_VP8' }, landscape)).toEqual({ mode: 'encode', why: 'codec' });
    expect(chooseVideo({ ...h264(640, 480), codecId: 'V_VP9' }, landscape)).toEqual({ mode: 'encode', why: 'codec' });
    expect(chooseVideo(h264(1920, 1080), landscape)).toEqual({ mode: 'encode', why: 'size' });
    expect(chooseVideo(h264(640, 480), portrait)).toEqual({ mode: 'encode', why: 'size' });
    expect(chooseVideo(h264(480, 640), landscape)).toEqual({ mode: 'encode', why: 'size' });
    expect(chooseVideo(null, landscape)).toEqual({ mode: 'encode', why: 'unknown' });
    expect(chooseVideo(h264(0, 0), landscape)).toEqual({ mode: 'encode', why: 'unknown' });
    expect(chooseVideo(h264(1280, 720), landscape, 'encode')).toEqual({ mode: 'encode', why: 'asked' });
  });
});

describe('streamArgv', () => {
  const base = { output: landscape, hasAudio: true, url: 'rtmp://127.0.0.1/live', key: 'k3y' } as const;
  const after = (argv: string[], flag: string): string | undefined => argv[argv.indexOf(flag) + 1];

  it('copies the video without a filter or x264, and still makes AAC', () => {
    const argv = streamArgv({ ...base, video: { mode: 'copy' } });
    expect(after(argv, '-c:v')).toBe('copy');
    for (const flag of ['-vf', '-g', '-b:v', '-preset', '-r']) expect(argv).not.toContain(flag);
    expect(after(argv, '-c:a')).toBe('aac');
    expect(argv.at(-1)).toBe('rtmp://127.0.0.1/live/k3y');
  });

  it('re-encodes with x264 CBR, keyframes at the asked interval, padded to the output frame', () => {
    const argv = streamArgv({ ...base, output: portrait, video: { mode: 'encode', why: 'codec' }, keyframeSeconds: 1 });
    expect(after(argv, '-c:v')).toBe('libx264');
    expect(after(argv, '-g')).toBe('30');
    expect(after(argv, '-b:v')).toBe('2500k');
    expect(after(argv, '-vf')).toContain('pad=720:1280');
    expect(streamArgv(base)).toContain('libx264');
  });
});
