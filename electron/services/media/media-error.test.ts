import { describe, expect, it } from 'vitest';
import { ffmpegMessage } from './media-error';

describe('ffmpegMessage', () => {
  it("keeps ffmpeg's own last words, without stats lines and boilerplate", () => {
    const stderr = [
      'Input #0, matroska,webm, from take.webm:',
      '  Duration: N/A, start: 0.000000, bitrate: N/A',
      'frame=   12 fps=0.0 q=28.0 size=       0kB time=00:00:00.36 bitrate=   0.0kbits/s speed=0.7x',
      '[mp4 @ 0x1] Could not find tag for codec vp9 in stream #0',
      'Could not write header for output file #0 (incorrect codec parameters ?): Invalid argument',
      'Last message repeated 1 times',
      'Conversion failed!',
      '',
    ].join('\n');
    expect(ffmpegMessage(stderr)).toBe('[mp4 @ 0x1] Could not find tag for codec vp9 in stream #0 — Could not write header for output file #0 (incorrect codec parameters ?): Invalid argument');
    expect(ffmpegMessage('')).toBe('ffmpeg stopped without saying why');
  });
});
