import { execFileSync, fork, spawn, type ChildProcess, type Serializable } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector/promises';
import { createServer } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import type { Room } from '@shared/protocol/rooms';
import { buildPlatform } from '@platform/app';
import { startPostgresCluster, type PostgresCluster } from '@platform/test-support/postgres-cluster';
import { nodeOptions, type NodeOptions } from './gifts-node';
import { quantile, type LoadResult, type LoadRun, type ViewersOpen, type ViewersTally } from './gifts-clients';

/**
 * `npm run bench -- gifts`: gift delivery latency, POST /rooms/:id/gifts → the streamer's socket
 * receives `gift.received`, at an offered 200 and 1000 gifts/s with BENCH_GIFT_VIEWERS (default
 * 2,000) viewer sockets subscribed to the room on loopback; every gift is counted so lost or
 * duplicated deliveries show. On one node, SQLite and PostgreSQL, and on two nodes (PostgreSQL + Redis; the
 * streamer on the other node). Baseline in the same run: a bare WebSocket echo at the same rate (its
 * round trip), for the ratio.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const VIEWERS = Number(process.env.BENCH_GIFT_VIEWERS ?? 2000);
const RATES = (process.env.BENCH_GIFT_RATES ?? '200,1000').split(',').map(Number);
const MODES = (process.env.BENCH_GIFT_MODES ?? 'sqlite,postgres,2nodes').split(',');
/**
 * BENCH_GIFT_PIN=<platform cpus>/<client cpus> (taskset lists, e.g. `0/1`): the platform's process (node B
 * too) runs on the first CPUs and the bench's clients (viewer sockets, senders, streamer) on the others,
 * so the platform's figures are those of a machine whose clients have cores of their own. Off by default.
 */
const PIN = process.env.BENCH_GIFT_PIN ? (process.env.BENCH_GIFT_PIN.split('/') as [string, string]) : null;
/** Pins a process and all its threads (the libuv pool too) to `cpus`. */
const pin = (pid: number | undefined, cpus: string): void => void (pid && execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }));
const SENDERS = 20;
const MAX_IN_FLIGHT = 256;
const ms = (v: number): string => `${v.toFixed(1)} ms`;
const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));
const started = performance.now();
const step = (what: string): void => void (process.env.BENCH_VERBOSE && console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${what}`));

interface Figures {
  readonly p50: number;
  readonly p99: number;
}

/** A bare ws echo server and one client sending at `rate`/s: the floor any delivery sits on. */
async function echoBaseline(rate: number): Promise<Figures> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve) => client.once('open', resolve));
  const sentAt = new Map<number, number>();
  const delays: number[] = [];
  client.on('message', (data) => {
    const seq = Number(String(data));
    delays.push(performance.now() - sentAt.get(seq)!);
  });
  const total = Math.round(rate * SECONDS);
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    sentAt.set(i, performance.now());
    client.send(String(i));
  }
  await sleep(500);
  client.terminate();
  wss.close();
  server.close();
  delays.sort((a, b) => a - b);
  return { p50: quantile(delays, 0.5), p99: quantile(delays, 0.99) };
}

/**
 * One measured run. With `redisUrl` a second node shares the database (and wakes through Redis):
 * the streamer and half the viewers connect to node B (a process of its own, bench/gifts-node.ts)
 * while every gift is sent through node A (this process).
 */
async function giftRun(label: string, databaseUrl: string | undefined, rate: number, echo: Figures, redisUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-gifts-'));
  const options: NodeOptions = { dataDir, viewers: VIEWERS, ...(databaseUrl ? { databaseUrl } : {}), ...(redisUrl ? { redisUrl } : {}) };
  const app = await buildPlatform(nodeOptions(options));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  // Node B in a process of its own, as a second server would be.
  const other = redisUrl ? await Child.start('gifts-node.ts', 'node') : null;
  if (PIN && other) pin(other.pid, PIN[0]);
  const otherBase = other ? (await other.ask<{ base: string }>({ type: 'start', options }, 'started')).base : base;
  step(`${label}: platform up`);
  const wsUrl = `${base.replace('http', 'ws')}/api/v1/events`;
  const otherWsUrl = `${otherBase.replace('http', 'ws')}/api/v1/events`;
  const post = async (url: string, token: string | null, body: unknown): Promise<Response> =>
    fetch(`${base}/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const register = async (handle: string): Promise<{ id: string; token: string }> => {
    const res = await post('/auth/register', null, { handle, password: 'bench password', displayName: handle });
    const auth = (await res.json()) as { user: { id: string }; token: string };
    return { id: auth.user.id, token: auth.token };
  };
  const streamer = await register('bench_streamer');
  const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => register(`bench_sender_${i}`)));
  for (const s of senders) await post('/wallet/top-up', s.token, { coins: 1_000_000, idempotencyKey: `bench-top-up-${s.id}` });
  step(`${label}: accounts ready`);
  const room = (await (await post('/rooms', streamer.token, { title: 'Bench', timeZone: 'UTC' })).json()) as Room;

  const viewers = await Child.start('gifts-clients.ts', 'viewers');
  const loader = await Child.start('gifts-clients.ts', 'load');
  if (PIN) for (const child of [viewers, loader]) pin(child.pid, PIN[1]);
  try {
    await viewers.ask({ type: 'open', urls: redisUrl ? [wsUrl, otherWsUrl] : [wsUrl], topic: `room:${room.id}`, count: VIEWERS } satisfies ViewersOpen, 'ready');
    step(`${label}: ${VIEWERS} viewers subscribed`);
    const run: LoadRun = { type: 'run', base, streamerWsUrl: otherWsUrl, streamer, senders: senders.map((s) => s.token), roomId: room.id, rate, seconds: SECONDS, maxInFlight: MAX_IN_FLIGHT };
    const profile = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
    const cpuOf = async (): Promise<number> => {
      const own = process.cpuUsage();
      const b = other ? await other.ask<{ user: number; system: number }>({ type: 'cpu' }, 'cpu') : { user: 0, system: 0 };
      return own.user + own.system + b.user + b.system;
    };
    const cpu = await cpuOf();
    const viewersBefore = await viewers.ask<ViewersTally>({ type: 'tally' }, 'tally');
    const r = await loader.ask<LoadResult>(run, 'result');
    const cpuUsed = (await cpuOf()) - cpu;
    await profile?.(path.join(process.env.BENCH_CPU_PROFILE!, `gifts-${label.replace(/\W+/g, '-')}-${rate}.cpuprofile`));
    step(`${label}: sends answered and delivered`);
    // Every viewer socket should have every accepted gift's notice, once, in id order.
    let tally = await viewers.ask<ViewersTally>({ type: 'tally' }, 'tally');
    for (const deadline = performance.now() + 15_000; tally.min < r.accepted && performance.now() < deadline;) {
      await sleep(100);
      tally = await viewers.ask<ViewersTally>({ type: 'tally' }, 'tally');
    }
    console.log(
      `${label.padEnd(10)} offered ${String(rate).padStart(4)}/s: sent ${r.offered}/${r.total}, accepted ${r.accepted} (${(r.accepted / r.sendSeconds).toFixed(0)}/s achieved, ${r.refused} refused, ${r.behind} sent >100 ms late), ` +
        `send → streamer p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${(r.p99 / echo.p99).toFixed(1)}× echo p99; streamer push − 201 answer p50 ${ms(r.afterAnswerP50)}, p99 ${ms(r.afterAnswerP99)}), ` +
        `lost ${r.lost}, duplicated ${r.duplicated}${r.unanswered ? `, ${r.unanswered} delivered without a 201` : ''}; ` +
        `room notices ${tally.total}/${r.accepted * VIEWERS} to ${VIEWERS} viewer sockets (per socket ${tally.min}–${tally.max}, ${tally.disorder} repeated or out of order, ${tally.closed} closed; ids read from each frame's first bytes, ${tally.fullParse} sockets parse every frame in full: ${tally.mismatched} mismatched${tally.firstMismatch ? ` (${tally.firstMismatch})` : ''})  ` +
        `platform process CPU ${(cpuUsed / 1000 / Math.max(1, r.accepted)).toFixed(2)} ms per accepted gift${redisUrl ? ' (both nodes)' : ''}, ` +
        `the viewer sockets' client process ${((tally.cpuMs - viewersBefore.cpuMs) / Math.max(1, r.accepted)).toFixed(2)} ms  ` +
        `(goal p99 ≤ ${redisUrl ? 50 : 30} ms at 1000/s; load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    viewers.close();
    loader.close();
  }
  if (other) {
    await other.ask({ type: 'close' }, 'closed');
    other.close();
  }
  await app.close();
  step(`${label}: closed`);
  rmSync(dataDir, { recursive: true, force: true });
}

/** BENCH_CPU_PROFILE=<dir>: the platform's process is profiled while gifts are sent (open the file in Chrome DevTools). */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`profile: ${file}`);
  };
}

/** A process of the bench (bench/gifts-clients.ts, bench/gifts-node.ts) and its IPC channel. */
export class Child {
  private constructor(private readonly process: ChildProcess) {}

  get pid(): number | undefined {
    return this.process.pid;
  }

  static async start(file: 'gifts-clients.ts' | 'gifts-node.ts', role: 'viewers' | 'load' | 'node'): Promise<Child> {
    const child = fork(path.join(__dirname, file), [role], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new Child(child);
  }

  /** Sends `message` and waits for the child's answer of type `answer`. */
  ask<T>(message: unknown, answer: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onMessage = (reply: { type: string; message?: string }): void => {
        if (reply.type !== answer && reply.type !== 'error') return;
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(reply.message));
        else resolve(reply as T);
      };
      const onExit = (code: number | null): void => {
        this.process.off('message', onMessage);
        reject(new Error(`bench client exited (${code}) before answering ${answer}`));
      };
      this.process.on('message', onMessage);
      this.process.once('exit', onExit);
      this.process.send(message as Serializable);
    });
  }

  close(): void {
    if (this.process.connected) this.process.disconnect();
    this.process.kill();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function run(): Promise<void> {
  if (PIN) pin(process.pid, PIN[0]);
  console.log(
    `(${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ${SECONDS} s per run, ${VIEWERS} viewer sockets, ${SENDERS} senders; figures are noisy on a shared machine` +
      `${PIN ? `; BENCH_GIFT_PIN: the platform on CPU ${PIN[0]}, the clients on CPU ${PIN[1]} (the echo baseline runs in the platform's process)` : ''})`,
  );
  const echoes = new Map<number, Figures>();
  for (const rate of RATES) {
    const echo = await echoBaseline(rate);
    echoes.set(rate, echo);
    console.log(`bare ws echo  ${String(rate).padStart(4)}/s: round trip p50 ${ms(echo.p50)}, p99 ${ms(echo.p99)}`);
  }
  if (MODES.includes('sqlite')) for (const rate of RATES) await giftRun('SQLite', undefined, rate, echoes.get(rate)!);
  if (!MODES.includes('postgres') && !MODES.includes('2nodes')) return;
  const cluster = await startPostgresCluster();
  step('PostgreSQL cluster up');
  try {
    if (MODES.includes('postgres')) for (const rate of RATES) await giftRun('PostgreSQL', await createDatabase(cluster, `bench_gifts_${rate}`), rate, echoes.get(rate)!);
    if (!MODES.includes('2nodes')) return;
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await sleep(200);
      for (const rate of RATES) await giftRun('2 nodes', await createDatabase(cluster, `bench_gifts_2n_${rate}`), rate, echoes.get(rate)!, `redis://127.0.0.1:${redisPort}`);
    } finally {
      redis.kill('SIGKILL');
    }
  } finally {
    cluster.stop();
  }
}
