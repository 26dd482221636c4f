import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { migrations } from '../electron/services/db/migrations/index';
import { openDatabase } from '../electron/services/db/open-database';
import { createMemoryLogger } from '../electron/services/logger';
import { PlatformAccountClient } from '../electron/services/sync/account-client';
import type { PostJobState } from '../electron/services/sync/post-job';
import { FileSecretStore } from '../electron/services/sync/secret-store';
import { DEFAULT_CHUNK_SIZE, SyncService } from '../electron/services/sync/sync-service';
import { spawnPlatform, type PlatformProcess } from '../electron/services/sync/test-support/spawn-platform';
import { writeLargeVideo } from '../electron/services/sync/test-support/video-file';

const MiB = 1024 * 1024;
const FILE_BYTES = 96 * MiB;
/** UPLOAD_BENCH_CHUNK_MIB explores other chunk sizes; the default is the sync module's. */
const CHUNK = process.env.UPLOAD_BENCH_CHUNK_MIB ? Number(process.env.UPLOAD_BENCH_CHUNK_MIB) * MiB : DEFAULT_CHUNK_SIZE;
const ROUNDS = 7;

/**
 * The baseline: a bare Node HTTP server in its own process that streams a PUT body to a file, the
 * least any upload path on this machine can cost. The platform also runs in its own process, so
 * in both cases the client and the server each get a core.
 */
const PUT_SINK = `
const http = require('node:http'); const fs = require('node:fs'); const path = require('node:path');
const dir = process.argv[1]; let n = 0;
http.createServer((req, res) => {
  if (req.method !== 'PUT') { res.writeHead(405).end(); return; }
  const out = fs.createWriteStream(path.join(dir, 'put-' + (n++)));
  req.pipe(out).on('finish', () => res.writeHead(204).end());
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); });
`;

async function startPutSink(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', PUT_SINK, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url: url.trim(), child };
}

function plainPut(url: string, file: string): Promise<number> {
  const size = statSync(file).size;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': size, 'content-type': 'application/octet-stream' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 204 ? resolve(performance.now() - started) : reject(new Error(`PUT answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

function waitFor(sync: SyncService, id: string, states: readonly PostJobState[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const job = sync.get(id)!;
      if (states.includes(job.state)) return true;
      if (job.state === 'failed') {
        reject(new Error(`job failed: ${job.lastError?.message ?? ''}`));
        return true;
      }
      return false;
    };
    if (check()) return resolve();
    const off = sync.onChange((job) => {
      if (job.id === id && check()) {
        off();
        resolve();
      }
    });
  });
}

/** utime + stime of a process in ms (Linux /proc; clock ticks are 10 ms), or NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Wall time plus CPU time of this (client) process and of the server process. */
async function measure(serverPid: number, work: () => Promise<void>): Promise<{ wall: number; client: number; server: number }> {
  const server0 = cpuMsOf(serverPid);
  const client0 = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  const client = process.cpuUsage(client0);
  return { wall, client: (client.user + client.system) / 1000, server: cpuMsOf(serverPid) - server0 };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mibps = (bytes: number, ms: number): string => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

/**
 * `npm run bench -- upload`: upload throughput of the sync module (tus, default chunk size, then
 * the idempotent create) against a plain HTTP PUT of the same file on loopback, same run, rounds
 * interleaved; then the bytes sent twice when the platform is killed mid-upload and restarted.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-upload-'));
  let platform: PlatformProcess | null = null;
  let sink: ChildProcess | null = null;
  const services: SyncService[] = [];
  try {
    const file = writeLargeVideo(dir, FILE_BYTES);
    const size = statSync(file).size;
    platform = await spawnPlatform(path.join(dir, 'platform'));
    const put = await startPutSink(path.join(dir));
    sink = put.child;
    const sinkProcess = put.child;
    const db = openDatabase(path.join(dir, 'studio.sqlite'), migrations, createMemoryLogger(), Date.now).db;
    const account = new PlatformAccountClient({ platformUrl: () => platform!.url, store: new FileSecretStore(path.join(dir, 'secret', 'session')) });
    await account.register({ handle: 'bench_creator', password: 'correct horse', displayName: 'Bench' });
    const request = { title: 'bench', visibility: 'private' as const, anchors: [] };
    const newService = (): SyncService => {
      const s = new SyncService({ db, platformUrl: () => platform!.url, auth: account, backoff: { baseMs: 100, maxMs: 400 }, chunkSize: CHUNK });
      services.push(s);
      s.start();
      return s;
    };

    // Warm-up of both paths (page cache, JIT, sockets, the platform's first-request costs).
    await plainPut(put.url, file);
    const warm = newService();
    await waitFor(warm, warm.enqueuePost({ filePath: file, request }).id, ['done']);
    await warm.stop();
    const putMs: number[] = [];
    const syncUploadMs: number[] = [];
    const syncTotalMs: number[] = [];
    const cpu = { putClient: [] as number[], putServer: [] as number[], syncClient: [] as number[], syncServer: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const p = await measure(sinkProcess.pid!, async () => void (await plainPut(put.url, file)));
      putMs.push(p.wall);
      cpu.putClient.push(p.client);
      cpu.putServer.push(p.server);
      const sync = newService();
      const started = performance.now();
      let job = null as { id: string } | null;
      const s = await measure(platform.pid(), async () => {
        job = sync.enqueuePost({ filePath: file, request });
        await waitFor(sync, job.id, ['creating', 'done']);
      });
      syncUploadMs.push(s.wall);
      cpu.syncClient.push(s.client);
      cpu.syncServer.push(s.server);
      await waitFor(sync, job!.id, ['done']);
      syncTotalMs.push(performance.now() - started);
      // One SyncService owns an outbox; a finished round's must not pick up the next round's job.
      await sync.stop();
    }
    const put50 = median(putMs);
    const up50 = median(syncUploadMs);
    const total50 = median(syncTotalMs);
    console.log(`file: ${(size / MiB).toFixed(1)} MiB real MP4 (padded with a free box), loopback, ${ROUNDS} interleaved rounds, medians`);
    console.log(`plain HTTP PUT        : ${put50.toFixed(0)} ms  ${mibps(size, put50)}   (rounds: ${putMs.map((m) => m.toFixed(0)).join(', ')} ms)`);
    console.log(`sync module upload    : ${up50.toFixed(0)} ms  ${mibps(size, up50)}   (tus, ${CHUNK / MiB} MiB chunks; rounds: ${syncUploadMs.map((m) => m.toFixed(0)).join(', ')} ms)`);
    console.log(`sync upload + create  : ${total50.toFixed(0)} ms  (adds the ffprobe check and POST /videos)`);
    console.log(
      `CPU per upload (medians, client/server): PUT ${median(cpu.putClient).toFixed(0)}/${median(cpu.putServer).toFixed(0)} ms, sync ${median(cpu.syncClient).toFixed(0)}/${median(cpu.syncServer).toFixed(0)} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );
    // CPU time is steadier than wall time on a shared machine, so its ratio is printed beside it.
    const cpuRatio = (median(cpu.putClient) + median(cpu.putServer)) / (median(cpu.syncClient) + median(cpu.syncServer));
    console.log(`throughput ratio sync/PUT: ${(put50 / up50).toFixed(2)} (target ≥ 0.9); CPU-time ratio ${cpuRatio.toFixed(2)}`);

    // Interruption: SIGKILL the platform half-way, restart it, let the job resume.
    const sync = newService();
    let killing: Promise<void> | null = null;
    sync.onChange((_job, progress) => {
      if (!killing && progress && progress.sentBytes > 0.5 * progress.totalBytes) killing = platform!.kill();
    });
    const job = sync.enqueuePost({ filePath: file, request });
    await waitFor(sync, job.id, ['waiting', 'done']);
    const confirmedAtKill = sync.get(job.id)!.uploadedBytes;
    await killing;
    await platform.restart();
    await waitFor(sync, job.id, ['done']);
    const resent = sync.bytesSent(job.id) - size;
    console.log(
      `interrupted at ~50 %: bytes sent in all ${(sync.bytesSent(job.id) / MiB).toFixed(2)} MiB for a ${(size / MiB).toFixed(2)} MiB file → re-sent ${(resent / MiB).toFixed(2)} MiB (${resent} B; target ≤ one chunk = ${CHUNK / MiB} MiB); outbox had ${(confirmedAtKill / MiB).toFixed(0)} MiB confirmed at the kill`,
    );
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await platform?.stop();
    sink?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
