import { describe, expect, it } from 'vitest';
import { pickLiveMimeType } from './stream-capture';

describe('the live capture codec', () => {
  it('prefers H.264, then VP8, then VP9, with Opus when there is sound', () => {
    expect(pickLiveMimeType(true, () => true)).toBe('video/webm;codecs=h264,opus');
    expect(pickLiveMimeType(false, () => true)).toBe('video/webm;codecs=h264');
    expect(pickLiveMimeType(true, (t) => !t.includes('h264'))).toBe('video/webm;codecs=vp8,opus');
    expect(pickLiveMimeType(false, (t) => t.endsWith('vp9'))).toBe('video/webm;codecs=vp9');
    expect(pickLiveMimeType(false, (t) => t === 'video/webm')).toBe('video/webm');
    expect(() => pickLiveMimeType(true, () => false)).toThrow();
  });
});
