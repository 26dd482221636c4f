import type { DraftKind } from './drafts';

export interface SniffedMedia {
  readonly kind: DraftKind;
  readonly mimeType: string;
  readonly extension: string;
}

/** Bytes needed from the start of a file for `sniffMedia`. */
export const SNIFF_BYTES = 32;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean => bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));

/**
 * Decides from a file's first bytes (never its name) whether it is an image or a video we accept.
 * Returns null for anything else, so a renamed text file is refused before anything is written.
 */
export function sniffMedia(head: Uint8Array): SniffedMedia | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'photo', mimeType: 'image/png', extension: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'photo', mimeType: 'image/jpeg', extension: 'jpg' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { kind: 'photo', mimeType: 'image/gif', extension: 'gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'photo', mimeType: 'image/webp', extension: 'webp' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'AVI ') return { kind: 'video', mimeType: 'video/x-msvideo', extension: 'avi' };
  if (startsWith(head, [0x42, 0x4d]) && isBmpInfoHeader(head)) return { kind: 'photo', mimeType: 'image/bmp', extension: 'bmp' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mimeType: 'video/webm', extension: 'webm' };
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'avif' || brand === 'avis') return { kind: 'photo', mimeType: 'image/avif', extension: 'avif' };
    if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return null;
    if (brand === 'qt  ') return { kind: 'video', mimeType: 'video/quicktime', extension: 'mov' };
    return { kind: 'video', mimeType: 'video/mp4', extension: 'mp4' };
  }
  return null;
}

/** "BM" alone is too weak (a text file may start with it): the DIB header size must be a known one. */
function isBmpInfoHeader(head: Uint8Array): boolean {
  if (head.length < 18) return false;
  const size = (head[14] ?? 0) | ((head[15] ?? 0) << 8) | ((head[16] ?? 0) << 16) | ((head[17] ?? 0) << 24);
  return size === 12 || size === 40 || size === 52 || size === 56 || size === 108 || size === 124;
}
