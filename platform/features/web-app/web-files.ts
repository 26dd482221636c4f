import { stat } from 'node:fs/promises';

/** A regular file's size and modification time, or null. */
export async function fileInfo(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * How long a browser may keep a file: Vite's hashed `/assets/…` never change (a new build has new
 * names), so a year, immutable; the page itself is always revalidated so a new build is picked up at
 * once; the rest (model weights, wasm, 3D accessories, icons) for an hour.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (urlPath === '/index.html') return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Paths that are pages of the app (answered with index.html, the app routes itself): anything
 * outside the API with no file extension in its last segment. `/wallet`, `/@ana`, `/v/vid_1/try/anc_2`.
 */
export function isAppPath(urlPath: string): boolean {
  if (urlPath === '/api' || urlPath.startsWith('/api/')) return false;
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * The web app's content security policy: only its own scripts ('wasm-unsafe-eval' lets tfjs compile
 * its wasm; no inline script, no eval), same-origin API, socket, images and media, no framing.
 */
export function webAppCsp(): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Text worth gzipping (scripts, styles, pages, JSON, SVG), up to 8 MiB; model weights, wasm and images are sent as they are. */
export function isCompressible(file: string, size: number): boolean {
  return size > 1024 && size <= 8 * 1024 * 1024 && /\.(html|js|mjs|css|json|svg|txt)$/i.test(file);
}
