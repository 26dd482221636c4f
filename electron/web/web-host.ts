import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { eventSpecs } from '@shared/ipc/contract';
import { EventRouter } from '@shared/ipc/subscriptions';
import { ClientFrame, decodeFrame, encodeFrame, WS_CLOSE_UNAUTHORIZED } from '@shared/ipc/wire';
import type { StudioServices } from '../services/compose';
import { contentSecurityPolicy, isolationHeaders } from '../services/http/security-headers';
import { resolveUnder } from '@platform/kernel/http/static-paths';
import { sendFile } from '../services/http/static-files';
import type { Logger } from '../services/logger';

export interface WebHostOptions {
  readonly services: StudioServices;
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** The platform whose covers and videos pages may show (CSP img-src/media-src). */
  readonly platformOrigin?: string | null;
  /** The token pages must carry (web-token.ts keeps one per data dir); a random one when absent. */
  readonly token?: string;
  /** With --allow-remote: the host name (or address) remote browsers use, accepted in `Host` too. */
  readonly remoteHost?: string | null;
}

export interface WebHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** Named per port: browsers keep cookies per host, not per port, so two studios would overwrite one cookie. */
  readonly cookieName: string;
  readonly server: Server;
  close(): Promise<void>;
}

const COOKIE_PREFIX = 'anchor_studio_token_';
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

function cookieToken(req: IncomingMessage, cookie: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) return rest.join('=');
  }
  return null;
}

/**
 * The `Host` values the studio answers to: its own loopback names on its port, and the configured
 * remote host with --allow-remote. Anything else is a DNS-rebinding page (evil.example resolving
 * to 127.0.0.1) or a misdirected request, refused before the token is even looked at.
 */
export function allowedHosts(port: number, remoteHost: string | null): ReadonlySet<string> {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (remoteHost) hosts.push(`${remoteHost.includes(':') && !remoteHost.startsWith('[') ? `[${remoteHost}]` : remoteHost}:${port}`.toLowerCase());
  return new Set(hosts);
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
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
  // Known once listening (the port may be 0 until then).
  let cookieName = COOKIE_PREFIX;
  let hosts: ReadonlySet<string> = new Set();
  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const given = url.searchParams.get('token') ?? cookieToken(req, cookieName);
    return given !== null && safeEqual(given, token);
  };
  const hostAllowed = (req: IncomingMessage): boolean => hosts.has((req.headers.host ?? '').toLowerCase());

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    if (!hostAllowed(req)) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Anchor Studio answers only to its own address.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!authorised(req, url)) {
      res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end("Anchor Studio: open the address printed in the terminal (it carries this run's token).\n");
      return;
    }
    const extra: Record<string, string> = { ...headers };
    if (url.searchParams.has('token')) extra['Set-Cookie'] = `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`;

    const media = /^\/media\/drafts\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (media) {
      const draft = decoded(media[1]!);
      const name = decoded(media[2]!);
      if (draft === null || name === null) {
        res.writeHead(400, { ...extra, 'Content-Type': 'text/plain' }).end('malformed path');
        return;
      }
      const file = services.draftFiles.resolveMedia(draft, name);
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
  const router = new EventRouter<WebSocket>(eventSpecs);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}`;
    if (!hostAllowed(req)) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname !== '/ipc' || !sameOrigin) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!authorised(req, url)) {
      // Our own page with a missing or stale token (another studio's cookie, a token rotated since):
      // a browser cannot read an upgrade's status, so the socket opens and closes at once with a
      // code and reason the page shows instead of "Loading…" forever. Nothing is served on it.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(WS_CLOSE_UNAUTHORIZED, "This page's access token is not valid for this studio: open the address the studio printed."));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      router.drop(ws);
    });
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
        const parsed = ClientFrame.safeParse(frame);
        if (!parsed.success) {
          const id = (frame as { id?: unknown } | null)?.id;
          if (typeof id === 'number') ws.send(encodeFrame({ t: 'res', id, result: { ok: false, error: { code: 'invalid_input', message: 'Malformed request frame.' } } }));
          return;
        }
        const message = parsed.data;
        if (message.t === 'sub') {
          const refused = router.subscribe(ws, message);
          if (refused) logger.warn('subscription refused', { reason: refused });
          return;
        }
        if (message.t === 'unsub') {
          router.unsubscribe(ws, message.sub);
          return;
        }
        const result = await services.dispatch(message.channel, message.input);
        if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ t: 'res', id: message.id, result }));
      })();
    });
  });

  // Each socket gets only the events its page subscribed to, once, with the subscriptions they are for.
  const unsubscribe = services.bus.subscribe((name, payload) => {
    for (const [ws, delivery] of router.route(name, payload)) if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ t: 'evt', ...delivery }));
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
  cookieName = `${COOKIE_PREFIX}${address.port}`;
  hosts = allowedHosts(address.port, options.remoteHost ?? (isLoopback(options.host) ? null : options.host));

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    cookieName,
    server,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections too: a browser would otherwise send its next request (a new tab of the
      // next run, with the next run's token) down a pooled connection to this closing process.
      server.closeAllConnections();
      await closed;
    },
  };
}
