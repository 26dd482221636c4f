/**
 * The studio's content security policy, one definition for both hosts (Electron's app protocol and
 * the browser-hosted studio). 'wasm-unsafe-eval' lets tfjs compile its wasm backend; nothing else
 * may run code that is not one of our own files.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = [], platformOrigin: string | null = null): string {
  // Discover shows the platform's covers and videos straight from it (it sends CORP cross-origin for
  // that): exactly its origin is allowed for images and media. The renderer never calls its API
  // (that goes through main, which holds the token), so connect-src does not name it.
  const platform = platformOrigin ? ` ${new URL(platformOrigin).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `img-src 'self' blob: data:${platform}`,
    `media-src 'self' blob: mediastream:${platform}`,
    "font-src 'self'",
    `connect-src 'self' ${connectSrc.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Cross-origin isolation (SharedArrayBuffer for wasm threads) plus the usual hardening. */
export function isolationHeaders(): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
