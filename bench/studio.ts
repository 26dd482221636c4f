import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { IMPORT_CHUNK_MAX, IMPORT_WINDOW } from '@shared/ipc/contract';
import { decodeFrame, encodeFrame } from '@shared/ipc/wire';
import { createLogger } from '../electron/services/logger';
import { composeStudio } from '../electron/services/compose';
import { startWebHost } from '../electron/web/web-host';
import { runFirstPaint } from './studio-paint';

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

function caller(ws: WebSocket) {
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on('message', (data, isBinary) => {
    const frame = decodeFrame(isBinary ? new Uint8Array(data as Buffer) : data.toString()) as { t: string; id: number; result: unknown };
    if (frame.t === 'res') waiting.get(frame.id)?.(frame.result);
  });
  return (channel: string, input?: unknown) =>
    new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
      const n = ++id;
      waiting.set(n, resolve as (v: unknown) => void);
      ws.send(encodeFrame({ t: 'req', id: n, channel, input }));
    });
}

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

/**
 * The contract's own cost over the browser-hosted transport: a call round trip against a bare
 * WebSocket echo on the same loopback, and a streamed 64 MiB import against bare binary WebSocket
 * messages written to a file (and a plain file copy, for scale).
 */
export async function run(): Promise<void> {
  await runFirstPaint();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anchor-bench-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const logger = createLogger('bench', 'error');
  const services = composeStudio({ dataDir: path.join(dir, 'data'), host: 'browser', version: 'bench', logger });
  const host = await startWebHost({ services, rendererDir, host: '127.0.0.1', port: 0, logger, token: 'bench' });

  // Baseline: a bare echo server on the same loopback, same frame sizes.
  const echoServer = createServer();
  const wss = new WebSocketServer({ server: echoServer });
  wss.on('connection', (ws) => ws.on('message', (d, isBinary) => ws.send(isBinary ? (d as Buffer) : d.toString())));
  await new Promise<void>((r) => echoServer.listen(0, '127.0.0.1', r));
  const echo = await open(`ws://127.0.0.1:${(echoServer.address() as AddressInfo).port}`);
  const studio = await open(`${host.origin.replace('http', 'ws')}/ipc?token=bench`);
  const call = caller(studio);

  const N = 2000;
  const echoMs: number[] = [];
  const echoOnce = (text: string | Uint8Array) => new Promise<void>((r) => (echo.once('message', () => r()), echo.send(text)));
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await echoOnce(encodeFrame({ t: 'req', id: i, channel: 'drafts.list' }));
    echoMs.push(performance.now() - t);
  }
  const callMs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await call('drafts.list');
    callMs.push(performance.now() - t);
  }
  console.log(`contract round trip (drafts.list, ${N} calls): median ${quantile(callMs, 0.5).toFixed(3)} ms, p95 ${quantile(callMs, 0.95).toFixed(3)} ms`);
  console.log(`bare WebSocket echo (baseline):            median ${quantile(echoMs, 0.5).toFixed(3)} ms, p95 ${quantile(echoMs, 0.95).toFixed(3)} ms`);
  console.log(`ratio contract/echo (median): ${(quantile(callMs, 0.5) / quantile(echoMs, 0.5)).toFixed(2)}`);

  // Import throughput: 64 MiB of a real MP4 header followed by filler, streamed in 1 MiB chunks.
  const size = 64 * 1024 * 1024;
  const payload = new Uint8Array(size);
  payload.set([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
  for (let i = 12; i < size; i++) payload[i] = (i * 31) & 0xff;
  const source = path.join(dir, 'big.bin');
  writeFileSync(source, payload);
  // Baseline: the same 1 MiB chunks as bare binary WebSocket messages to a server that appends
  // each to a file and acknowledges it — the least any streamed upload on this loopback can cost.
  const sink = path.join(dir, 'sink.bin');
  const rawServer = createServer();
  const rawWss = new WebSocketServer({ server: rawServer, maxPayload: 4 * 1024 * 1024 });
  rawWss.on('connection', (ws) => ws.on('message', (d) => (appendFileSync(sink, d as Buffer), ws.send('ok'))));
  await new Promise<void>((r) => rawServer.listen(0, '127.0.0.1', r));
  const raw = await open(`ws://127.0.0.1:${(rawServer.address() as AddressInfo).port}`);
  let t = performance.now();
  for (let offset = 0; offset < size; offset += IMPORT_CHUNK_MAX) {
    await new Promise<void>((r) => (raw.once('message', () => r()), raw.send(payload.subarray(offset, offset + IMPORT_CHUNK_MAX))));
  }
  const rawMs = performance.now() - t;
  t = performance.now();
  copyFileSync(source, path.join(dir, 'copy.bin'));
  const copyMs = performance.now() - t;
  t = performance.now();
  const begun = (await call('imports.begin', { fileName: 'big.mp4', size })) as { value: { importId: string } };
  // As the renderer does: up to IMPORT_WINDOW chunks in flight (the host applies them in order).
  const inFlight = new Set<Promise<unknown>>();
  for (let offset = 0; offset < size; offset += IMPORT_CHUNK_MAX) {
    const sent = call('imports.chunk', { importId: begun.value.importId, offset, bytes: payload.subarray(offset, offset + IMPORT_CHUNK_MAX) });
    inFlight.add(sent);
    void sent.then(() => inFlight.delete(sent));
    if (inFlight.size >= IMPORT_WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const importMs = performance.now() - t;
  await call('imports.cancel', { importId: begun.value.importId });
  const mib = size / 1024 / 1024;
  console.log(`streamed import over the contract: ${(mib / (importMs / 1000)).toFixed(0)} MiB/s (${importMs.toFixed(0)} ms for ${mib} MiB)`);
  console.log(`bare binary WebSocket upload (baseline): ${(mib / (rawMs / 1000)).toFixed(0)} MiB/s; plain file copy ${(mib / (copyMs / 1000)).toFixed(0)} MiB/s`);
  console.log(`ratio import/bare-upload throughput: ${(rawMs / importMs).toFixed(2)}`);

  raw.close();
  rawWss.close();
  rawServer.close();
  echo.close();
  studio.close();
  wss.close();
  echoServer.close();
  await host.close();
  services.close();
  rmSync(dir, { recursive: true, force: true });
}
