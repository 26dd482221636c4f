import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import type { SentGift } from '@shared/protocol/gifts';
import type { Room } from '@shared/protocol/rooms';
import { buildPlatform } from '@platform/app';
import { startPostgresCluster, type PostgresCluster } from '@platform/test-support/postgres-cluster';

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
const SENDERS = 20;
const MAX_IN_FLIGHT = 256;
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
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

async function openSocket(url: string, topics: string[], token: string | null, onEvent: (type: string, data: Record<string, unknown>) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  // Listening from the start: `ready` may arrive in the same chunk as the upgrade, right after 'open'.
  const subscribed = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: number; data?: Record<string, unknown> };
      // Subscribe after `ready`, once the server has resolved the socket's session.
      if (message.type === 'ready') socket.send(JSON.stringify({ type: 'subscribe', topics }));
      else if (message.type === 'subscribed') resolve();
      else if (message.type === 'error') reject(new Error(JSON.stringify(message)));
      else if (message.id !== undefined) onEvent(message.type, message.data ?? {});
    });
  });
  await subscribed;
  return socket;
}

/**
 * One measured run. With `redisUrl` a second node shares the database (and wakes through Redis):
 * the streamer and half the viewers connect to node B while every gift is sent through node A.
 */
async function giftRun(label: string, databaseUrl: string | undefined, rate: number, echo: Figures, redisUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-gifts-'));
  const node = () =>
    buildPlatform({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(redisUrl ? { redisUrl } : {}),
      mediaTools: null,
      seed: { items: [], viewers: [] },
      scryptCost: { N: 1024, r: 8, p: 1 },
      authRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      eventLimits: { socketsPerIp: VIEWERS + 100, socketsPerAccount: 100, subscribeWithinMs: 600_000 },
      gifts: { sendRate: { burst: 1_000_000, perSecond: 1_000_000 } },
      sandboxMerchantKey: 'bench-merchant-key-0123456789',
    });
  const app = await node();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const other = redisUrl ? await node() : null;
  const otherBase = other ? await other.listen({ port: 0, host: '127.0.0.1' }) : base;
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

  const sentAt = new Map<number, number>();
  const received = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  const receivedAt = new Map<number, number>();
  const delays: number[] = [];
  const streamerSocket = await openSocket(otherWsUrl, [`user:${streamer.id}`], streamer.token, (type, data) => {
    if (type !== 'gift.received') return;
    const seq = Number(String(data.message).slice(1));
    received.set(seq, (received.get(seq) ?? 0) + 1);
    const at = sentAt.get(seq);
    if (at !== undefined && received.get(seq) === 1) {
      delays.push(performance.now() - at);
      receivedAt.set(seq, performance.now());
    }
  });
  let notices = 0;
  const viewerSockets: WebSocket[] = [];
  for (let i = 0; i < VIEWERS; i += 100) {
    viewerSockets.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, VIEWERS - i) }, (_, j) => openSocket((i + j) % 2 ? otherWsUrl : wsUrl, [`room:${room.id}`], null, (type) => void (type === 'room.gift' && notices++))),
      )),
    );
  }

  step(`${label}: ${VIEWERS} viewers subscribed`);
  const total = Math.round(rate * SECONDS);
  const accepted = new Set<number>();
  let refused = 0;
  let inFlight = 0;
  let behind = 0;
  let offered = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight >= MAX_IN_FLIGHT) await sleep(1);
    // A platform that cannot keep up is not offered the rest: the run stays SECONDS long, and the figures say how far it got.
    if (performance.now() > t0 + SECONDS * 1000 + 1000) break;
    if (performance.now() - due > 100) behind++;
    offered++;
    const sender = senders[i % SENDERS]!;
    inFlight++;
    sentAt.set(i, performance.now());
    pending.push(
      post(`/rooms/${room.id}/gifts`, sender.token, { giftId: 'bundle-of-flowers', message: `#${i}`, idempotencyKey: `bench-gift-${i}-key` })
        .then(async (res) => {
          answeredAt.set(i, performance.now());
          const body = (await res.json()) as SentGift;
          if (res.status === 201 && body.id) accepted.add(i);
          else refused++;
        })
        .catch(() => void refused++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  step(`${label}: sends answered`);
  const sendSeconds = (performance.now() - t0) / 1000;
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && [...accepted].some((seq) => !received.has(seq))) await sleep(50);
  await sleep(300);
  const lost = [...accepted].filter((seq) => !received.has(seq)).length;
  const duplicated = [...received.values()].filter((n) => n > 1).length;
  // The push against the HTTP answer: negative when the streamer had the gift before the sender had the 201.
  const afterAnswer = [...receivedAt]
    .filter(([seq]) => answeredAt.has(seq))
    .map(([seq, at]) => at - answeredAt.get(seq)!)
    .sort((a, b) => a - b);
  delays.sort((a, b) => a - b);
  const p50 = quantile(delays, 0.5);
  const p99 = quantile(delays, 0.99);
  console.log(
    `${label.padEnd(10)} offered ${String(rate).padStart(4)}/s: sent ${offered}/${total}, accepted ${accepted.size} (${(accepted.size / sendSeconds).toFixed(0)}/s achieved, ${refused} refused, ${behind} sent >100 ms late), ` +
      `send → streamer p50 ${ms(p50)}, p99 ${ms(p99)} (${(p99 / echo.p99).toFixed(1)}× echo p99; streamer push − 201 answer p50 ${ms(quantile(afterAnswer, 0.5))}, p99 ${ms(quantile(afterAnswer, 0.99))}), lost ${lost}, duplicated ${duplicated}; ` +
      `room notices ${notices}/${accepted.size * VIEWERS} to ${VIEWERS} viewer sockets  (goal p99 ≤ ${redisUrl ? 50 : 30} ms at 1000/s)`,
  );
  streamerSocket.terminate();
  for (const s of viewerSockets) s.terminate();
  await other?.close();
  await app.close();
  step(`${label}: closed`);
  rmSync(dataDir, { recursive: true, force: true });
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
  console.log(`(${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ${SECONDS} s per run, ${VIEWERS} viewer sockets, ${SENDERS} senders; figures are noisy on a shared machine)`);
  const echoes = new Map<number, Figures>();
  for (const rate of RATES) {
    const echo = await echoBaseline(rate);
    echoes.set(rate, echo);
    console.log(`bare ws echo  ${String(rate).padStart(4)}/s: round trip p50 ${ms(echo.p50)}, p99 ${ms(echo.p99)}`);
  }
  for (const rate of RATES) await giftRun('SQLite', undefined, rate, echoes.get(rate)!);
  const cluster = await startPostgresCluster();
  step('PostgreSQL cluster up');
  try {
    for (const rate of RATES) await giftRun('PostgreSQL', await createDatabase(cluster, `bench_gifts_${rate}`), rate, echoes.get(rate)!);
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
