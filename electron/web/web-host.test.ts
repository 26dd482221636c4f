import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { request } from 'node:http';
import { decodeFrame, encodeFrame, WS_CLOSE_UNAUTHORIZED } from '@shared/ipc/wire';
import { createMemoryLogger } from '../services/logger';
import { composeStudio, type StudioServices } from '../services/compose';
import { allowedHosts, startWebHost, type WebHost } from './web-host';

let services: StudioServices;
let host: WebHost;
let dataDir: string;
const dataDirOf = (): string => dataDir;
const faces = path.resolve(__dirname, '..', '..', '..', 'shared', 'faces');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-host-'));
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve');
  services = composeStudio({ dataDir, host: 'browser', version: '0.0.0-test', logger: createMemoryLogger() });
  host = await startWebHost({ services, rendererDir, host: '127.0.0.1', port: 0, logger: createMemoryLogger(), token: 'test-token-123' });
});
afterAll(async () => {
  await host.close();
  services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const cookie = (): string => `${host.cookieName}=test-token-123`;
const get = (p: string, headers: Record<string, string> = {}) => fetch(host.origin + p, { headers: { cookie: cookie(), ...headers } });

/** fetch() will not send another Host; a DNS-rebinding page's requests do. */
function raw(p: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(host.origin + p, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

function connect(query = '?token=test-token-123', origin?: string, hostHeader?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc${query}`, { ...(origin ? { origin } : {}), ...(hostHeader ? { headers: { host: hostHeader } } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
      const reply = decodeFrame(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as { t: string; id: number; result: never };
      if (reply.t === 'res') {
        ws.off('message', onMessage);
        resolve(reply.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : encodeFrame(frame));
  });
}

describe('browser-hosted studio', () => {
  it('binds to loopback and refuses requests without the run token', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(host.origin + '/')).status).toBe(401);
    expect((await fetch(host.origin + '/?token=wrong')).status).toBe(401);
    const first = await fetch(host.origin + '/?token=test-token-123');
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toMatch(/anchor_studio_token_\d+=test-token-123; HttpOnly; SameSite=Strict/);
  });

  it("names its cookie per port, so a second studio on this machine does not overwrite the first one's", async () => {
    const port = new URL(host.origin).port;
    expect(host.cookieName).toBe(`anchor_studio_token_${port}`);
    const other = await startWebHost({ services, rendererDir: path.join(dataDirOf(), 'renderer'), host: '127.0.0.1', port: 0, logger: createMemoryLogger(), token: 'other-token-456' });
    try {
      expect(other.cookieName).not.toBe(host.cookieName);
      // Both cookies sent together (as a browser does for one host name): each studio reads its own.
      const both = `${host.cookieName}=test-token-123; ${other.cookieName}=other-token-456`;
      expect((await fetch(host.origin + '/', { headers: { cookie: both } })).status).toBe(200);
      expect((await fetch(other.origin + '/', { headers: { cookie: both } })).status).toBe(200);
      expect((await fetch(other.origin + '/', { headers: { cookie: `anchor_studio_token=other-token-456` } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers only to its own Host (DNS rebinding), over HTTP and the socket', async () => {
    const port = new URL(host.origin).port;
    for (const ok of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect(await raw('/', { host: ok, cookie: cookie() })).toBe(200);
    expect(await raw('/', { host: `evil.example:${port}`, cookie: cookie() })).toBe(421);
    expect(await raw('/?token=test-token-123', { host: `evil.example:${port}` })).toBe(421);
    expect(await raw('/', { host: '127.0.0.1:1', cookie: cookie() })).toBe(421);
    await expect(connect('?token=test-token-123', `http://evil.example:${port}`, `evil.example:${port}`)).rejects.toThrow(/421/);
    expect(allowedHosts(4780, 'studio.lan')).toEqual(new Set(['127.0.0.1:4780', 'localhost:4780', '[::1]:4780', 'studio.lan:4780']));
  });

  it('answers a malformed media path with 400, not 500', async () => {
    expect((await get('/media/drafts/%ZZ/x')).status).toBe(400);
    expect((await get('/media/drafts/drf_0000000000/%E0%A4%A')).status).toBe(400);
  });

  it('sends cross-origin isolation and a strict CSP with every page', async () => {
    const res = await get('/');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves the app for client routes but never files outside the renderer', async () => {
    expect(await (await get('/anchor/anc_123')).text()).toContain('<title>studio</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/media/drafts/..%2f..%2fsecret.txt/x')).status).toBe(404);
    expect((await fetch(host.origin + '/', { method: 'POST', headers: { cookie: cookie() } })).status).toBe(405);
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    // Our own page with a wrong token: the socket closes at once with a code and a reason the page can show.
    for (const query of ['?token=wrong', '']) {
      const refused = await connect(query);
      const answers: unknown[] = [];
      refused.on('message', (data) => answers.push(data));
      const closed = new Promise<[number, string]>((resolve) => refused.once('close', (c, r) => resolve([c, r.toString()])));
      if (refused.readyState === WebSocket.OPEN) refused.send(encodeFrame({ t: 'req', id: 1, channel: 'drafts.list' }));
      const [code, reason] = await closed;
      expect(code).toBe(WS_CLOSE_UNAUTHORIZED);
      expect(reason).toMatch(/open the address the studio printed/);
      expect(answers).toEqual([]);
    }
    await expect(connect('?token=test-token-123', 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('answers wrong shapes with error envelopes and keeps serving', async () => {
    const ws = await connect();
    expect(await call(ws, { t: 'req', id: 1, channel: 'drafts.rename', input: { id: 42 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, { t: 'req', id: 2, channel: 'drafts.nuke', input: {} })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await call(ws, { t: 'req', id: 3, chan: 'oops' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, { t: 'req', id: 4, channel: 'drafts.list' })).toEqual({ ok: true, value: [] });
    ws.close();
    // A malformed binary frame closes that socket only; the host keeps serving others.
    const bad = await connect();
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send(Buffer.from([0, 0, 0, 99, 1, 2]));
    expect(await closed).toBe(1007);
    const again = await connect();
    expect(await call(again, { t: 'req', id: 5, channel: 'drafts.list' })).toEqual({ ok: true, value: [] });
    again.close();
  });

  it('imports over the socket, pushes drafts.changed and serves the media with ranges', async () => {
    const ws = await connect();
    const events: unknown[] = [];
    ws.on('message', (data, isBinary) => {
      const frame = decodeFrame(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as { t: string };
      if (frame.t === 'evt') events.push(frame);
    });
    // Events go only where they were asked for: this socket subscribes, another one does not.
    ws.send(encodeFrame({ t: 'sub', sub: 3, name: 'drafts.changed' }));
    const deaf = await connect();
    const overheard: unknown[] = [];
    deaf.on('message', (data) => overheard.push(data));
    deaf.send(encodeFrame({ t: 'sub', sub: 1, name: 'drafts.changed', arg: { draftId: 'drf_0000000000' } }));
    const png = readFileSync(path.join(faces, 'astronaut.png'));
    const begun = await call(ws, { t: 'req', id: 10, channel: 'imports.begin', input: { fileName: 'astronaut.png', size: png.byteLength } });
    const importId = (begun.value as { importId: string }).importId;
    const sent = await call(ws, { t: 'req', id: 11, channel: 'imports.chunk', input: { importId, offset: 0, bytes: new Uint8Array(png) } });
    expect(sent).toEqual({ ok: true, value: { received: png.byteLength } });
    const done = await call(ws, { t: 'req', id: 12, channel: 'imports.finish', input: { importId } });
    const draft = done.value as { id: string; mediaFile: string };
    expect(events).toContainEqual({ t: 'evt', name: 'drafts.changed', payload: { draftId: draft.id, change: 'created' }, subs: [3] });
    expect(overheard).toEqual([]);
    deaf.close();

    const whole = await get(`/media/drafts/${draft.id}/${draft.mediaFile}`);
    expect(whole.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(png);
    const part = await get(`/media/drafts/${draft.id}/${draft.mediaFile}`, { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${png.byteLength}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(png.subarray(0, 8));
    ws.close();
  });
});
