import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DraftFiles } from '../services/drafts/draft-files';
import { contentSecurityPolicy, isolationHeaders } from '../services/http/security-headers';
import { resolveUnder } from '@platform/kernel/http/static-paths';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;

/**
 * Must run before `app.ready`. A standard, secure scheme gives the renderer a real origin: fetch()
 * of model files works (file:// breaks it) and the COOP/COEP headers below enable wasm threads.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);
}

/** Serves `app://studio/…` from the built renderer, and `app://studio/media/drafts/<id>/<file>` from the drafts folder. */
export function handleAppProtocol(rendererDir: string, draftFiles: DraftFiles, platformOrigin: string | null = null): void {
  const headers = { ...isolationHeaders(), 'Content-Security-Policy': contentSecurityPolicy([], platformOrigin) };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'studio') return new Response('not found', { status: 404 });
    const media = /^\/media\/drafts\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    let file: string | null;
    if (media) file = draftFiles.resolveMedia(decodeURIComponent(media[1]!), decodeURIComponent(media[2]!));
    else {
      file = resolveUnder(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
      if (file && path.extname(file) === '') file = path.join(rendererDir, 'index.html');
    }
    if (!file) return new Response('not found', { status: 404 });
    // net.fetch on file:// answers Range requests, so videos can seek.
    const upstream = await net.fetch(pathToFileURL(file).toString(), { headers: request.headers });
    const merged = new Headers(upstream.headers);
    for (const [k, v] of Object.entries(headers)) merged.set(k, v);
    return new Response(upstream.body, { status: upstream.status, headers: merged });
  });
}
