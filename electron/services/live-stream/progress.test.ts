import { describe, expect, it } from 'vitest';
import { lagSeconds, lastLine, ProgressParser, SpeedWindow, warningsFor } from './progress';
import { frameSize, publishUrl, redact, streamArgv } from './stream-plan';

describe('ffmpeg -progress parsing', () => {
  it('collects key=value lines into blocks, across reads split anywhere', () => {
    const parser = new ProgressParser();
    const text = 'frame=90\nfps=29.97\nbitrate=2510.3kbits/s\ntotal_size=940000\nout_time_us=3000000\ndup_frames=2\ndrop_frames=1\nspeed=0.98x\nprogress=continue\nframe=120\nbitrate=N/A\nspe';
    const blocks = parser.push(text);
    expect(blocks).toEqual([{ frame: 90, fps: 29.97, kbps: 2510.3, totalSize: 940000, outTimeS: 3, dupFrames: 2, dropFrames: 1, speed: 0.98, end: false }]);
    const next = parser.push('ed=1.01x\nprogress=end\n');
    expect(next[0]).toMatchObject({ frame: 120, kbps: null, speed: 1.01, end: true });
  });

  it('warns above 1 % dropped or below 0.95× speed, and for capture the queue dropped', () => {
    expect(warningsFor({ frames: 1000, droppedFrames: 10, droppedBytes: 0, speed: 1 })).toEqual([]);
    expect(warningsFor({ frames: 1000, droppedFrames: 11, droppedBytes: 0, speed: 1 })).toEqual(['dropped']);
    expect(warningsFor({ frames: 1000, droppedFrames: 0, droppedBytes: 5000, speed: 0.94 })).toEqual(['dropped', 'lagging']);
    expect(warningsFor({ frames: 0, droppedFrames: 0, droppedBytes: 0, speed: null })).toEqual([]);
  });

  it('measures speed over a recent window, not since ffmpeg started', () => {
    const w = new SpeedWindow(5000, 2000);
    w.add(0, 0);
    w.add(1000, 1);
    expect(w.speed()).toBeNull(); // too short a span to tell
    for (let t = 2000; t <= 10_000; t += 1000) w.add(t, t / 1000, (t / 1000) * 30);
    expect(w.speed()).toBe(1);
    expect(w.fps()).toBe(30);
    // The encoder now writes half a media second per wall second.
    for (let t = 11_000, m = 10.5; t <= 16_000; t += 1000, m += 0.5) w.add(t, m);
    expect(w.speed()).toBe(0.5);
    expect(lagSeconds(10, 8.44)).toBe(1.6);
    expect(lagSeconds(10, 10.2)).toBe(0);
  });

  it('takes the last stderr line as the reason', () => {
    expect(lastLine('[flv @ 0x1] something\nrtmp://h/live/k: Connection refused\n\n')).toBe('rtmp://h/live/k: Connection refused');
    expect(lastLine('')).toBeNull();
  });
});

describe('the ffmpeg command of a destination', () => {
  it('encodes x264 veryfast/zerolatency CBR with 2 s keyframes, AAC 128k, to FLV at the key', () => {
    const argv = streamArgv({ output: { orientation: 'portrait', preset: '1080p30', videoKbps: 4500 }, hasAudio: true, url: 'rtmps://live.example.com/app/', key: 'abcd1234' });
    const after = (flag: string) => argv[argv.indexOf(flag) + 1];
    expect(after('-preset')).toBe('veryfast');
    expect(after('-tune')).toBe('zerolatency');
    expect(after('-g')).toBe('60');
    expect(after('-b:v')).toBe('4500k');
    expect(after('-maxrate')).toBe('4500k');
    expect(after('-b:a')).toBe('128k');
    expect(after('-map')).toBe('0:v:0');
    expect(after('-vf')).toContain('scale=1080:1920');
    expect(after('-vf')).toContain('pad=1080:1920');
    expect(argv.at(-2)).toBe('flv');
    expect(argv.at(-1)).toBe('rtmps://live.example.com/app/abcd1234');
  });

  it('keyframes as the destination asks: every second for the platform’s 1 s HLS fragments', () => {
    const argv = streamArgv({ output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 }, hasAudio: true, url: 'rtmp://127.0.0.1:1935/live', key: 'lsk_1', keyframeSeconds: 1 });
    expect(argv[argv.indexOf('-g') + 1]).toBe('30');
    expect(argv[argv.indexOf('-keyint_min') + 1]).toBe('30');
  });

  it('adds silence when the capture has no sound, and sends SRT as MPEG-TS with the key as its stream id, byte for byte', () => {
    const key = '#!::r=live/a+b&c,m=publish';
    const argv = streamArgv({ output: { orientation: 'landscape', preset: '720p30', videoKbps: 2500 }, hasAudio: false, url: 'srt://h:9000?latency=200000', key });
    expect(argv).toContain('anullsrc=r=48000:cl=stereo');
    expect(argv).toContain('1:a:0');
    expect(argv.slice(-5)).toEqual(['-srt_streamid', key, '-f', 'mpegts', 'srt://h:9000?latency=200000']);
    expect(frameSize({ orientation: 'landscape', preset: '720p30' })).toEqual({ width: 1280, height: 720 });
    expect(publishUrl('srt://h:9000?latency=200', 'k')).toBe('srt://h:9000?latency=200');
  });

  it('redacts the key, plain and URL-encoded', () => {
    expect(redact('rtmp://h/live/s3cr3t: refused; s3cr3t again', 's3cr3t')).toBe('rtmp://h/live/****: refused; **** again');
    expect(redact('srt://h?streamid=a%2Fb', 'a/b')).toBe('srt://h?streamid=****');
  });
});
