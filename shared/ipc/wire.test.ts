import { describe, expect, it } from 'vitest';
import { utf8Decoder, utf8Encoder } from './text-codec';
import { decodeFrame, encodeFrame, RequestFrame, ServerFrame } from './wire';

describe('frames', () => {
  it('sends frames without bytes as JSON text', () => {
    const text = encodeFrame({ t: 'req', id: 1, channel: 'drafts.list' });
    expect(typeof text).toBe('string');
    expect(RequestFrame.parse(decodeFrame(text))).toEqual({ t: 'req', id: 1, channel: 'drafts.list' });
  });

  it('carries byte arrays raw in one binary message, every length and position', () => {
    for (const n of [0, 1, 3, 255, 65_537]) {
      const a = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const b = Uint8Array.from([9, 8, 7]);
      const encoded = encodeFrame({ t: 'req', id: 7, channel: 'imports.chunk', input: { first: a, nested: { second: b }, note: 'ü ✓' } });
      expect(encoded).toBeInstanceOf(Uint8Array);
      expect((encoded as Uint8Array).byteLength).toBeLessThan(n + 200);
      const parsed = RequestFrame.parse(decodeFrame(encoded as Uint8Array));
      const input = parsed.input as { first: Uint8Array; nested: { second: Uint8Array }; note: string };
      expect(input.first).toEqual(a);
      expect(input.nested.second).toEqual(b);
      expect(input.note).toBe('ü ✓');
    }
  });

  it('refuses truncated or forged binary frames and bytes smuggled into text frames', () => {
    const good = encodeFrame({ t: 'req', id: 1, channel: 'x', input: { b: Uint8Array.from([1, 2, 3, 4]) } }) as Uint8Array;
    expect(() => decodeFrame(good.subarray(0, good.byteLength - 1))).toThrow(/truncated/);
    expect(() => decodeFrame(good.subarray(0, 2))).toThrow(/too short/);
    const forged = encodeFrame({ t: 'req', id: 1, channel: 'x', input: { b: Uint8Array.from([1]) } }) as Uint8Array;
    const text = utf8Decoder.decode(forged.subarray(4, forged.byteLength - 5)).replace('"$blob":0', '"$blob":5');
    const header = utf8Encoder.encode(text);
    const rebuilt = new Uint8Array(4 + header.byteLength + 5);
    new DataView(rebuilt.buffer).setUint32(0, header.byteLength);
    rebuilt.set(header, 4);
    rebuilt.set(forged.subarray(forged.byteLength - 5), 4 + header.byteLength);
    expect(() => decodeFrame(rebuilt)).toThrow(/no blob 5/);
    expect(() => decodeFrame('{"t":"req","id":1,"channel":"x","input":{"$blob":0}}')).toThrow(/cannot carry bytes/);
    expect(() => decodeFrame('{not json')).toThrow();
  });

  it('tells responses from events and refuses junk', () => {
    expect(ServerFrame.parse({ t: 'res', id: 1, result: { ok: true, value: null } }).t).toBe('res');
    expect(ServerFrame.parse({ t: 'evt', name: 'drafts.changed', payload: {}, subs: [1] }).t).toBe('evt');
    expect(ServerFrame.safeParse({ t: 'res', id: -1, result: { ok: true } }).success).toBe(false);
    expect(ServerFrame.safeParse({ t: 'nope' }).success).toBe(false);
  });
});
