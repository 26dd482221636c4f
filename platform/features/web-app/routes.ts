import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ApiError } from '../../kernel/http/api-error';
import { contentTypeOf, resolveUnder } from '../../kernel/http/static-paths';
import { cacheControlFor, fileInfo, isAppPath, isCompressible, webAppCsp } from './web-files';

const gzipAsync = promisify(gzip);

export interface WebAppOptions {
  /** The built viewer app (`npm run build:viewer` → out/viewer): index.html, assets/, models/, wasm/… */
  readonly dir: string;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': webAppCsp(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

const NOT_BUILT = 'The viewer web app is not built. Run `npm run build:viewer` (npm run platform and npm start do it) and reload.\n';

/**
 * The viewer web app at `/`: its files from `dir`, and index.html for every page path (the app
 * routes itself), with the CSP and security headers on everything. The API stays under /api/v1:
 * an unknown API path still answers the platform's JSON 404.
 */
export const webAppFeature: FastifyPluginAsync<WebAppOptions> = async (app, { dir }) => {
  const root = path.resolve(dir);
  // Text files gzipped once per build (key: path and modification time): the shell is ~3× smaller on the wire.
  const gzipped = new Map<string, { mtimeMs: number; body: Promise<Buffer> }>();
  const gzipOf = (file: string, mtimeMs: number): Promise<Buffer> => {
    const cached = gzipped.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.body;
    const body = readFile(file).then((bytes) => gzipAsync(bytes, { level: 9 }));
    body.catch(() => gzipped.delete(file));
    gzipped.set(file, { mtimeMs, body });
    return body;
  };
  const send = async (reply: FastifyReply, urlPath: string, file: string): Promise<boolean> => {
    const info = await fileInfo(file);
    if (!info) return false;
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    reply.headers({ ...SECURITY_HEADERS, 'content-type': contentTypeOf(file), 'cache-control': cacheControlFor(urlPath), etag, 'last-modified': new Date(info.mtimeMs).toUTCString() });
    if (reply.request.headers['if-none-match'] === etag) {
      await reply.code(304).send();
      return true;
    }
    reply.header('vary', 'accept-encoding');
    if (isCompressible(file, info.size) && /\bgzip\b/.test(String(reply.request.headers['accept-encoding'] ?? ''))) {
      const body = await gzipOf(file, info.mtimeMs);
      await reply.headers({ 'content-encoding': 'gzip', 'content-length': body.length }).send(body);
      return true;
    }
    reply.header('content-length', info.size);
    // For HEAD, Node's http server drops the body and keeps the headers.
    await reply.send(createReadStream(file));
    return true;
  };

  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (request, reply) => {
      const urlPath = request.url.split('?', 1)[0]!;
      if (urlPath === '/api' || urlPath.startsWith('/api/')) throw new ApiError('not_found', `No route ${request.method} ${urlPath}`);
      const file = resolveUnder(root, urlPath);
      if (file && urlPath !== '/' && (await send(reply, urlPath, file))) return reply;
      if (isAppPath(urlPath)) {
        if (await send(reply, '/index.html', path.join(root, 'index.html'))) return reply;
        return reply
          .code(503)
          .headers({ ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
          .send(NOT_BUILT);
      }
      return reply
        .code(404)
        .headers({ ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .send('Not found\n');
    },
  });
};
