import { z } from 'zod';
import { FailureTextWire } from './failure-text';
import { STUDIO_ERROR_CODES } from './result';
import { SubscribeMessage, UnsubscribeMessage } from './subscriptions';
import { utf8Decoder, utf8Encoder } from './text-codec';

/**
 * Frames of the browser-hosted studio's WebSocket transport. A frame without byte arrays is plain
 * JSON text. A frame carrying byte arrays (import chunks, recording chunks) is one binary message —
 * `u32 headerLength | header JSON | (u32 length | bytes)*` — with each array replaced by
 * `{ "$blob": index }` in the header, so bytes never go through base64 or JSON.
 */
/**
 * Close code of the browser-hosted studio's socket when the page's token is refused (a stale
 * bookmark, another studio's cookie): the page shows the close reason instead of reconnecting.
 */
export const WS_CLOSE_UNAUTHORIZED = 4401;

export const RequestFrame = z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), channel: z.string().max(200), input: z.unknown().optional() });
export type RequestFrame = z.output<typeof RequestFrame>;

/** Everything a page sends: calls, and (un)subscriptions to events (subscriptions.ts). */
export const ClientFrame = z.discriminatedUnion('t', [RequestFrame, SubscribeMessage, UnsubscribeMessage]);
export type ClientFrame = z.output<typeof ClientFrame>;

export const ResponseFrame = z.object({
  t: z.literal('res'),
  id: z.number().int().nonnegative(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown().optional() }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.enum(STUDIO_ERROR_CODES), message: z.string(), ...FailureTextWire.partial().shape }) }),
  ]),
});
export type ResponseFrame = z.output<typeof ResponseFrame>;

/** An event, once per socket, with the page's subscriptions it is for. */
export const EventFrame = z.object({ t: z.literal('evt'), name: z.string(), payload: z.unknown().optional(), subs: z.array(z.number().int().nonnegative()) });
export type EventFrame = z.output<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('t', [ResponseFrame, EventFrame]);

export function encodeFrame(frame: unknown): string | Uint8Array<ArrayBuffer> {
  const blobs: Uint8Array[] = [];
  const json = JSON.stringify(frame, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      blobs.push(value);
      return { $blob: blobs.length - 1 };
    }
    return value;
  });
  if (blobs.length === 0) return json;
  const header = utf8Encoder.encode(json);
  let total = 4 + header.byteLength;
  for (const blob of blobs) total += 4 + blob.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.byteLength);
  out.set(header, 4);
  let at = 4 + header.byteLength;
  for (const blob of blobs) {
    view.setUint32(at, blob.byteLength);
    out.set(blob, at + 4);
    at += 4 + blob.byteLength;
  }
  return out;
}

/** Throws on malformed input (bad JSON, truncated binary, a blob index that does not exist). */
export function decodeFrame(data: string | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data, (_key, value: unknown) => (isBlobRef(value) ? invalid('a text frame cannot carry bytes') : value));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 4) invalid('binary frame too short');
  const headerLength = view.getUint32(0);
  if (4 + headerLength > data.byteLength) invalid('binary frame header truncated');
  const blobs: Uint8Array[] = [];
  let at = 4 + headerLength;
  while (at < data.byteLength) {
    if (at + 4 > data.byteLength) invalid('binary frame blob length truncated');
    const length = view.getUint32(at);
    if (at + 4 + length > data.byteLength) invalid('binary frame blob truncated');
    blobs.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  const header = utf8Decoder.decode(data.subarray(4, 4 + headerLength));
  return JSON.parse(header, (_key, value: unknown) => {
    if (!isBlobRef(value)) return value;
    const blob = blobs[value.$blob];
    return blob ?? invalid(`binary frame has no blob ${value.$blob}`);
  });
}

function isBlobRef(value: unknown): value is { $blob: number } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && Number.isInteger((value as { $blob?: unknown }).$blob);
}

function invalid(message: string): never {
  throw new Error(`Malformed frame: ${message}`);
}
