import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, RequestFrame } from '../../shared/ipc/wire';
import type { StudioServices } from '../services/compose';
import { contentSecurityPolicy, isolationHeaders } from '../services/http/security-headers';
import { resolveUnder, sendFile } from '../services/http/static-files';
import type { Logger } from '../services/logger';

export interface WebHostOptions {
  readonly services: StudioServices;
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** The platform whose covers and videos pages may show (CSP img-src/media-src). */
  readonly platformOrigin?: string | null;
  /** Fixed token for tests; a random one per run otherwise. */
  readonly token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

const COOKIE = 'anchor_studio_token';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\./.test(host);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

/**
 * The browser-hosted studio: the built renderer over http on loopback and the IPC contract over a
 * WebSocket, both behind a random per-run token. The printed URL carries the token once; the page
 * then holds it in an HttpOnly, SameSite=Strict cookie.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { services, logger } = options;
  const headers = { ...isolationHeaders(), 'Content-Security-Policy': contentSecurityPolicy([], options.platformOrigin ?? null), 'Cache-Control': 'no-cache' };
  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const given = url.searchParams.get('token') ?? cookieToken(req);
    return given !== null && safeEqual(given, token);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!authorised(req, url)) {
      res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Anchor Studio: open the address printed in the terminal (it carries this run\'s token).\n');
      return;
    }
    const extra: Record<string, string> = { ...headers };
    if (url.searchParams.has('token')) extra['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;

    const media = /^\/media\/drafts\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (media) {
      const file = services.draftFiles.resolveMedia(decodeURIComponent(media[1]!), decodeURIComponent(media[2]!));
      if (file && sendFile(req, res, file, extra)) return;
      res.writeHead(404, { ...extra, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const file = resolveUnder(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file && sendFile(req, res, file, extra)) return;
    // Client-side routes (e.g. /anchor/<id>) get the app; missing assets get a real 404.
    if (path.extname(url.pathname) === '' && sendFile(req, res, path.join(options.rendererDir, 'index.html'), extra)) return;
    res.writeHead(404, { ...extra, 'Content-Type': 'text/plain' }).end('not found');
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      logger.error('request failed', { url: req.url, error });
      if (!res.headersSent) res.writeHead(500).end();
    }
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}`;
    if (url.pathname !== '/ipc' || !sameOrigin || !authorised(req, url)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => logger.warn('socket error', { error }));
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let frame: unknown;
        try {
          frame = decodeFrame(isBinary ? bytesOf(data) : data.toString());
        } catch {
          ws.close(1007, 'malformed frame');
          return;
        }
        const parsed = RequestFrame.safeParse(frame);
        if (!parsed.success) {
          const id = (frame as { id?: unknown } | null)?.id;
          if (typeof id === 'number') ws.send(encodeFrame({ t: 'res', id, result: { ok: false, error: { code: 'invalid_input', message: 'Malformed request frame.' } } }));
          return;
        }
        const result = await services.dispatch(parsed.data.channel, parsed.data.input);
        if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ t: 'res', id: parsed.data.id, result }));
      })();
    });
  });

  const unsubscribe = services.bus.subscribe((name, payload) => {
    const frame = encodeFrame({ t: 'evt', name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  // Longer than any client's idle keep-alive, so a reused connection is never closed under it.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    server,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
