import { describe, expect, it } from 'vitest';
import { sniffMedia } from './media-sniff';

const bytes = (...parts: (number[] | string)[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const pad = (b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(32);
  out.set(b.subarray(0, 32));
  return out;
};

describe('sniffMedia', () => {
  it('recognises images by their signatures', () => {
    expect(sniffMedia(pad(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))))?.toMatchObject({ kind: 'photo', mimeType: 'image/png' });
    expect(sniffMedia(pad(bytes([0xff, 0xd8, 0xff, 0xe0]))))?.toMatchObject({ kind: 'photo', extension: 'jpg' });
    expect(sniffMedia(pad(bytes('GIF89a'))))?.toMatchObject({ mimeType: 'image/gif' });
    expect(sniffMedia(pad(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))))?.toMatchObject({ mimeType: 'image/webp' });
    expect(sniffMedia(pad(bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [40, 0, 0, 0]))))?.toMatchObject({ mimeType: 'image/bmp' });
    expect(sniffMedia(pad(bytes([0, 0, 0, 0x1c], 'ftypavif'))))?.toMatchObject({ kind: 'photo', mimeType: 'image/avif' });
  });
  it('recognises videos by their containers', () => {
    expect(sniffMedia(pad(bytes([0, 0, 0, 0x20], 'ftypisom'))))?.toMatchObject({ kind: 'video', mimeType: 'video/mp4' });
    expect(sniffMedia(pad(bytes([0, 0, 0, 0x14], 'ftypqt  '))))?.toMatchObject({ kind: 'video', extension: 'mov' });
    expect(sniffMedia(pad(bytes([0x1a, 0x45, 0xdf, 0xa3]))))?.toMatchObject({ kind: 'video', mimeType: 'video/webm' });
    expect(sniffMedia(pad(bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'))))?.toMatchObject({ kind: 'video', extension: 'avi' });
  });
  it('refuses text, empty input, "BM" text and HEIC', () => {
    expect(sniffMedia(pad(bytes('hello, this is text')))).toBeNull();
    expect(sniffMedia(new Uint8Array(0))).toBeNull();
    expect(sniffMedia(pad(bytes('BM is how this note starts')))).toBeNull();
    expect(sniffMedia(pad(bytes([0, 0, 0, 0x18], 'ftypheic')))).toBeNull();
  });
});
