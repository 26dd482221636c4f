import { z } from 'zod';
import { decodeBase64, encodeBase64 } from './base64';

/**
 * Frames of the browser-hosted studio's WebSocket transport. JSON, with byte arrays carried as
 * `{ "$bytes": base64 }` so a contract method taking a Uint8Array works the same as over Electron IPC.
 */
export const RequestFrame = z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), channel: z.string().max(200), input: z.unknown().optional() });
export type RequestFrame = z.output<typeof RequestFrame>;

export const ResponseFrame = z.object({
  t: z.literal('res'),
  id: z.number().int().nonnegative(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown().optional() }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  ]),
});
export type ResponseFrame = z.output<typeof ResponseFrame>;

export const EventFrame = z.object({ t: z.literal('evt'), name: z.string(), payload: z.unknown().optional() });
export type EventFrame = z.output<typeof EventFrame>;

export const ServerFrame = z.discriminatedUnion('t', [ResponseFrame, EventFrame]);

export function encodeFrame(frame: unknown): string {
  return JSON.stringify(frame, (_key, value: unknown) => (value instanceof Uint8Array ? { $bytes: encodeBase64(value) } : value));
}

export function decodeFrame(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const bytes = (value as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') return decodeBase64(bytes);
    }
    return value;
  });
}
