import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { decodeFrame, encodeFrame, RequestFrame, ServerFrame } from './wire';

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(ascii(plain));
    }
    expect(encodeBase64(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 131) & 0xff);
    expect(decodeBase64(encodeBase64(big))).toEqual(big);
  });
  it('refuses characters outside the alphabet', () => {
    expect(() => decodeBase64('ab$d')).toThrow(/invalid base64/);
  });
});

describe('frames', () => {
  it('carries byte arrays inside JSON and back', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const decoded = decodeFrame(encodeFrame({ t: 'req', id: 7, channel: 'imports.chunk', input: { offset: 0, bytes } }));
    const parsed = RequestFrame.parse(decoded);
    expect((parsed.input as { bytes: Uint8Array }).bytes).toEqual(bytes);
  });
  it('accepts a request without input (methods with no argument)', () => {
    expect(RequestFrame.safeParse(decodeFrame(encodeFrame({ t: 'req', id: 1, channel: 'drafts.list', input: undefined }))).success).toBe(true);
  });
  it('tells responses from events and refuses junk', () => {
    expect(ServerFrame.parse({ t: 'res', id: 1, result: { ok: true, value: null } }).t).toBe('res');
    expect(ServerFrame.parse({ t: 'evt', name: 'drafts.changed', payload: {} }).t).toBe('evt');
    expect(ServerFrame.safeParse({ t: 'res', id: -1, result: { ok: true } }).success).toBe(false);
    expect(ServerFrame.safeParse({ t: 'nope' }).success).toBe(false);
  });
});
