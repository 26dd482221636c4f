import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ByteRange } from '../storage/media-storage';
import { ApiError } from './api-error';

/**
 * Parses a single `bytes=` range (RFC 9110 §14.1.2). Returns null to serve the whole file (no
 * header, another unit, or several ranges, which a server may ignore), 'unsatisfiable' for 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match as unknown as [string, string, string];
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** A stored file to send: its size, type and bytes (all, or one inclusive range). */
export interface RangedFile {
  readonly size: number;
  readonly mimeType: string;
  readonly read: (range?: ByteRange) => Readable;
}

/**
 * Sends a stored media file with HTTP range support (players seek with it, and Safari plays no
 * video without it): 206 with Content-Range for one range, 416 for one past the end, the whole
 * file otherwise. The platform's media routes (posted videos, order videos, thanks clips) share it.
 */
export function sendRanged(request: FastifyRequest, reply: FastifyReply, file: RangedFile, cache: 'private' | 'public'): FastifyReply {
  reply.header('accept-ranges', 'bytes').header('content-type', file.mimeType).header('cache-control', `${cache}, max-age=3600`).header('x-content-type-options', 'nosniff');
  // The studio's pages are cross-origin isolated (COEP require-corp, for wasm threads): without this
  // header their <video> and <img> elements could not show the platform's media.
  reply.header('cross-origin-resource-policy', 'cross-origin');
  const range = parseRange(request.headers.range, file.size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    throw new ApiError('range_not_satisfiable', `The file has ${file.size} bytes`);
  }
  if (range === null) return reply.header('content-length', file.size).send(file.read());
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
    .header('content-length', range.end - range.start + 1)
    .send(file.read(range));
}
