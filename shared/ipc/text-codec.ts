/**
 * TextEncoder/TextDecoder exist in every runtime we target (browsers, Node, Electron), but
 * shared/ is compiled without DOM or Node types on purpose: declare just what we use.
 */
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
declare const TextEncoder: { new (): Utf8Encoder };
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean }): Utf8Decoder };

export const utf8Encoder: Utf8Encoder = new TextEncoder();
export const utf8Decoder: Utf8Decoder = new TextDecoder('utf-8', { fatal: true });
