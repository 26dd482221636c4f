import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../../shared/ipc/wire';
import { createMemoryLogger } from '../services/logger';
import { composeStudio, type StudioServices } from '../services/compose';
import { startWebHost, type WebHost } from './web-host';

let services: StudioServices;
let host: WebHost;
const faces = path.resolve(__dirname, '..', '..', '..', 'shared', 'faces');

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-host-'));
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
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(host.origin + p, { headers: { cookie: 'anchor_studio_token=test-token-123', ...headers } });

function connect(query = '?token=test-token-123', origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc${query}`, origin ? { origin } : {});
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
    expect(first.headers.get('set-cookie')).toMatch(/anchor_studio_token=test-token-123; HttpOnly; SameSite=Strict/);
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
    expect((await fetch(host.origin + '/', { method: 'POST', headers: { cookie: 'anchor_studio_token=test-token-123' } })).status).toBe(405);
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/401/);
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
    const png = readFileSync(path.join(faces, 'astronaut.png'));
    const begun = await call(ws, { t: 'req', id: 10, channel: 'imports.begin', input: { fileName: 'astronaut.png', size: png.byteLength } });
    const importId = (begun.value as { importId: string }).importId;
    const sent = await call(ws, { t: 'req', id: 11, channel: 'imports.chunk', input: { importId, offset: 0, bytes: new Uint8Array(png) } });
    expect(sent).toEqual({ ok: true, value: { received: png.byteLength } });
    const done = await call(ws, { t: 'req', id: 12, channel: 'imports.finish', input: { importId } });
    const draft = done.value as { id: string; mediaFile: string };
    expect(events).toContainEqual({ t: 'evt', name: 'drafts.changed', payload: { draftId: draft.id, change: 'created' } });

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
