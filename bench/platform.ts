import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { topUpEntries } from '@shared/domain/ledger/plans';
import { buildPlatform } from '@platform/app';
import { openDatabase, type DatabaseTarget } from '@platform/kernel/db/database';
import { groupCommitStats, transaction } from '@platform/kernel/db/transaction';
import { SLOW_BATCH_MS, SLOW_COMMIT_MS } from '@platform/kernel/db/group-commit';
import { startEventSystem, type EventSystem } from '@platform/kernel/events/event-system';
import { eventLogMigrations } from '@platform/kernel/events/migrations/0110-event-log';
import { Ledger } from '@platform/features/wallet/ledger';
import { walletMigrations } from '@platform/features/wallet/migrations/index';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '@platform/test-support/postgres-cluster';

/**
 * `npm run bench -- platform`: GET /videos against a bare Fastify hello route (autocannon, c=50),
 * ledger transfers (top-up + hold + capture, 50 at once) on SQLite and PostgreSQL, and event
 * delivery from publish to a subscriber on the same node and on another node (Redis wake-up).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** BENCH_PLATFORM=http,ledger,events (the default: all three) runs only those parts. */
const PARTS = new Set((process.env.BENCH_PLATFORM ?? 'http,ledger,events').split(',').map((p) => p.trim()));
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function cannon(url: string, headers: Record<string, string> = {}, tokens: readonly string[] = []): Promise<{ rps: number; p99: number; cpuUsPerRequest: number }> {
  const cpu = process.cpuUsage();
  let next = 0;
  // With tokens, each request is signed in as the next viewer in turn.
  const requests = tokens.length === 0 ? undefined : [{ setupRequest: (req: object) => ({ ...req, headers: { ...headers, authorization: `Bearer ${tokens[next++ % tokens.length]!}` } }) }];
  const result = await autocannon({ url, headers, connections: 50, duration: SECONDS, ...(requests ? { requests } : {}) });
  const used = process.cpuUsage(cpu);
  // autocannon runs in this process too: its share is in the CPU figure (see the bare route's).
  return { rps: result.requests.average, p99: result.latency.p99, cpuUsPerRequest: (used.user + used.system) / Math.max(1, result.requests.total) };
}

const FEED_VIDEOS = 20;

/** A full first page: FEED_VIDEOS public videos of one creator, three anchors each, written straight into the platform's file. */
function seedFeed(file: string, ownerId: string): void {
  const sqlite = new Database(file);
  const video = sqlite.prepare(
    'insert into videos (id, owner_id, upload_id, idempotency_key, title, topic, visibility, duration_ms, width, height, mime_type, size_bytes, cover_time_ms, media_file, cover_file, created_at) values (?, ?, ?, ?, ?, ?, ?, 12000, 1080, 1920, ?, 4000000, 1000, ?, null, ?)',
  );
  const anchor = sqlite.prepare(
    "insert into anchors (id, video_id, position, role, kind, item_id, attribute_id, label, x, y, start_ms, end_ms, placement, trigger_count) values (?, ?, ?, ?, 'tryon', 'velvet-rouge-lipstick', 'classic-red', 'Velvet Rouge', 0.5, 0.4, 0, 12000, 'face', 0)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < FEED_VIDEOS; i++) {
      const id = `vid_bench${String(i).padStart(12, '0')}`;
      video.run(id, ownerId, `upl_bench${i}`, `bench-${i}`, `Bench look ${i}`, 'makeup', 'public', 'video/mp4', `${id}/video.mp4`, Date.UTC(2026, 11, 1) + i * 1000);
      for (let a = 0; a < 3; a++) anchor.run(`anc_bench${i}_${a}`, id, a, a === 0 ? 'target' : 'associated');
    }
  })();
  sqlite.close();
}

const FEED_VIEWERS = 500;

/** FEED_VIEWERS accounts with a session each, written straight into the platform's file; returns their bearer tokens. */
function seedViewers(file: string): string[] {
  const sqlite = new Database(file);
  const user = sqlite.prepare("insert into users (id, handle, display_name, password_hash, created_at) values (?, ?, ?, 'unusable', ?)");
  const session = sqlite.prepare('insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)');
  const now = Date.now();
  const tokens = Array.from({ length: FEED_VIEWERS }, (_, i) => `pt_benchviewer${i}`);
  sqlite.transaction(() => {
    tokens.forEach((token, i) => {
      user.run(`usr_benchviewer${i}`, `bench_viewer_${i}`, `Viewer ${i}`, now);
      session.run(createHash('sha256').update(token).digest('hex'), `usr_benchviewer${i}`, now, now + 24 * 60 * 60 * 1000);
    });
  })();
  sqlite.close();
  return tokens;
}

async function http(): Promise<void> {
  const bare = Fastify();
  bare.get('/hello', () => ({ hello: 'world' }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-platform-'));
  const platform = await buildPlatform({ dataDir, mediaTools: null, seed: null });
  const platformUrl = await platform.listen({ port: 0, host: '127.0.0.1' });
  const line = (label: string, r: Awaited<ReturnType<typeof cannon>>, note: string): void =>
    console.log(`${label.padEnd(44)} c=50: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, ${r.cpuUsPerRequest.toFixed(0)} µs CPU/request  ${note}`);
  // On a shared machine throughput moves with load within seconds: each platform run is measured
  // right after a bare run of its own, and its ratio is to that one. The bare run sends the same
  // headers (a token per viewer in turn), so autocannon's own work per request, in this process
  // too, is the same on both sides.
  const versusBare = async (label: string, note: string, url: string, headers: Record<string, string> = {}, tokens: readonly string[] = []): Promise<void> => {
    const hello = await cannon(`${bareUrl}/hello`, headers, tokens);
    const r = await cannon(url, headers, tokens);
    line(label, r, `(${(r.rps / hello.rps).toFixed(2)}× the bare ${hello.rps.toFixed(0)} req/s just before; ${note})`);
  };
  line('bare Fastify GET /hello', await cannon(`${bareUrl}/hello`), '');
  await versusBare('platform GET /videos, empty catalog', 'goal ≥ 0.4×, p99 ≤ 50 ms; SQLite', `${platformUrl}/api/v1/videos`);
  const registered = await platform.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { handle: 'bench_creator', password: 'bench password 1', displayName: 'Bench' } });
  const { token, user } = registered.json<{ token: string; user: { id: string } }>();
  seedFeed(path.join(dataDir, 'platform.sqlite'), user.id);
  const viewers = seedViewers(path.join(dataDir, 'platform.sqlite'));
  // Seeded behind the platform's back: a restart-free way to drop what it cached of the empty feed.
  await new Promise((r) => setTimeout(r, 1100));
  await versusBare(`platform GET /videos, ${FEED_VIDEOS} videos, anonymous`, "the node's feed cache", `${platformUrl}/api/v1/videos`);
  await versusBare(
    `platform GET /videos, ${FEED_VIDEOS} videos, signed in`,
    "one viewer's page from the node's per-viewer cache, the session from the node's session cache",
    `${platformUrl}/api/v1/videos`,
    {
      authorization: `Bearer ${token}`,
    },
  );
  await versusBare(
    `platform GET /videos, ${FEED_VIDEOS} videos, ${FEED_VIEWERS} viewers`,
    "each viewer's page and session read once, then from the node's caches",
    `${platformUrl}/api/v1/videos`,
    {},
    viewers,
  );
  await platform.close();
  await bare.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const CONCURRENCY = 50;
/** BENCH_LEDGER=sqlite,postgres (the default: both) runs the ledger part on only those databases. */
const LEDGER_DATABASES = new Set((process.env.BENCH_LEDGER ?? 'sqlite,postgres').split(',').map((d) => d.trim()));
/** The offered rate of the open-loop ledger run (flows per second). */
const LEDGER_RATE = Number(process.env.BENCH_LEDGER_RATE ?? 2000);

async function ledger(target: DatabaseTarget, label: string): Promise<void> {
  const db = await openDatabase(target, walletMigrations);
  const ledger = new Ledger(() => Date.now());
  let n = 0;
  // One flow: the kernel's transaction(), as the platform's services run theirs (group commit on SQLite).
  const flow = (buyer: number): Promise<void> => {
    const i = n++;
    return transaction(db, async (trx) => {
      await ledger.transfer(trx, { idempotencyKey: `t${i}`, source: `top_up:${i}`, entries: topUpEntries(`buyer${buyer}`, 10) });
      const hold = await ledger.hold(trx, { userId: `buyer${buyer}`, coins: 10, source: `order:${i}`, idempotencyKey: `h${i}` });
      await ledger.capture(trx, hold.id, { toUserId: `maker${buyer % 5}` });
    });
  };
  const measure = async (mode: string, run: () => Promise<Run>, note: string): Promise<void> => {
    const before = groupCommitStats(db);
    const r = await run();
    const after = groupCommitStats(db);
    r.latencies.sort((a, b) => a - b);
    const perBatch =
      before && after
        ? `, ${((after.transactions - before.transactions) / Math.max(1, after.batches - before.batches)).toFixed(1)} flows per COMMIT, ${after.slowBatches - before.slowBatches} of ${after.batches - before.batches} write transactions over ${SLOW_BATCH_MS} ms (${after.slowInCommit - before.slowInCommit} of them over ${SLOW_COMMIT_MS} ms in COMMIT)`
        : '';
    const gaveUp = r.gaveUpAfterS === undefined ? '' : `, NOT SERVED: over 250 ms of flows waiting after ${r.gaveUpAfterS.toFixed(1)} s, stopped offering`;
    console.log(
      `ledger ${label.padEnd(10)} ${mode}: ${(r.flows / r.seconds).toFixed(0)} flows/s, p50 ${ms(quantile(r.latencies, 0.5))}, p99 ${ms(quantile(r.latencies, 0.99))}, ${(r.cpuMs / r.flows).toFixed(2)} ms of this process's CPU per flow${perBatch}${gaveUp}  ${note}`,
    );
  };
  await measure('c=50 closed loop', () => closedLoop(flow), '(top-up + hold + capture, one transaction each; goal ≥ 2,000/s, p99 ≤ 20 ms)');
  await measure(
    `${LEDGER_RATE}/s offered`,
    () => openLoop(flow, LEDGER_RATE),
    `(open loop, ≤ 50 in flight, latency from each flow's scheduled start; a closed loop of 50 has a mean latency of 50 / throughput, so p99 ≤ 20 ms there needs well over 2,500/s)`,
  );
  await db.destroy();
}

interface Run {
  readonly flows: number;
  readonly seconds: number;
  readonly latencies: number[];
  readonly cpuMs: number;
  /** Open loop only: when it stopped offering flows because they piled up. */
  readonly gaveUpAfterS?: number | undefined;
}

/** 50 workers, each starting its next flow when its last one is answered, for SECONDS. */
async function closedLoop(flow: (buyer: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const worker = async (w: number): Promise<void> => {
    while (performance.now() < end) {
      const started = performance.now();
      await flow(w);
      latencies.push(performance.now() - started);
    }
  };
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const used = process.cpuUsage(cpu);
  return { flows: latencies.length, seconds: (performance.now() - t0) / 1000, latencies, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Flows arrive on a fixed schedule, `rate` per second for SECONDS, whatever the answers do; at most
 * 50 run at once and the rest wait their turn. Each latency counts from the flow's scheduled start,
 * so time spent waiting behind slow ones is counted (no coordinated omission).
 */
async function openLoop(flow: (buyer: number) => Promise<void>, rate: number): Promise<Run> {
  const latencies: number[] = [];
  let total = Math.round(rate * SECONDS);
  let gaveUpAfterS: number | undefined;
  const waiting: number[] = [];
  let arrived = 0;
  let inFlight = 0;
  let finished = 0;
  const t0 = performance.now();
  const cpu = process.cpuUsage();
  await new Promise<void>((resolve, reject) => {
    const start = (k: number): void => {
      inFlight++;
      flow(k % CONCURRENCY).then(() => {
        latencies.push(performance.now() - (t0 + (k * 1000) / rate));
        inFlight--;
        finished++;
        const next = waiting.shift();
        if (next !== undefined) start(next);
        if (finished === total) resolve();
      }, reject);
    };
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      for (; arrived < due; arrived++) {
        if (inFlight < CONCURRENCY) start(arrived);
        else waiting.push(arrived);
      }
      // Over 250 ms of flows waiting: the rate is not being served; stop offering, finish those.
      if (arrived < total && waiting.length > rate / 4) {
        total = arrived;
        gaveUpAfterS = (performance.now() - t0) / 1000;
      }
      if (arrived < total) setTimeout(tick, 1);
    };
    tick();
  });
  const used = process.cpuUsage(cpu);
  return { flows: total, seconds: (performance.now() - t0) / 1000, latencies, cpuMs: (used.user + used.system) / 1000, gaveUpAfterS };
}

async function delivery(publisher: EventSystem, subscriber: EventSystem, label: string): Promise<void> {
  const sent = new Map<number, number>();
  const delays: number[] = [];
  await subscriber.hub.subscribe(
    {
      topics: new Set(['public']),
      closed: false,
      send: (e) => {
        const at = sent.get(e.data.n as number);
        if (at !== undefined) delays.push(performance.now() - at);
      },
    },
    undefined,
  );
  for (let i = 0; i < 300; i++) {
    sent.set(i, performance.now());
    await publisher.log.publish(db(publisher), { topic: 'public', type: 'bench.tick', data: { n: i } });
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 1500));
  delays.sort((a, b) => a - b);
  console.log(`events ${label.padEnd(10)}: ${delays.length}/300 delivered, publish → subscriber p50 ${ms(quantile(delays, 0.5))}, p99 ${ms(quantile(delays, 0.99))}`);
}
const dbs = new WeakMap<EventSystem, Parameters<EventSystem['log']['publish']>[0]>();
const db = (s: EventSystem) => dbs.get(s)!;

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function run(): Promise<void> {
  console.log(`(${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; figures are noisy on a shared machine)`);
  if (PARTS.has('http')) await http();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ledger-'));
  if (PARTS.has('ledger') && LEDGER_DATABASES.has('sqlite')) await ledger({ kind: 'sqlite', file: path.join(dir, 'ledger.sqlite') }, 'SQLite');
  if (!PARTS.has('ledger') && !PARTS.has('events')) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const cluster = await startPostgresCluster();
  const redisPort = await freePort();
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  try {
    if (PARTS.has('ledger') && LEDGER_DATABASES.has('postgres'))
      await ledger({ kind: 'postgres', url: await createDatabase(cluster, 'bench_ledger'), poolSize: Number(process.env.BENCH_PG_POOL ?? 20) }, 'PostgreSQL');
    if (!PARTS.has('events')) return;
    const eventsUrl = await createDatabase(cluster, 'bench_events');
    const dbA = await openDatabase({ kind: 'postgres', url: eventsUrl }, eventLogMigrations);
    const dbB = await openDatabase({ kind: 'postgres', url: eventsUrl }, eventLogMigrations);
    await new Promise((r) => setTimeout(r, 100));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const a = await startEventSystem({ db: dbA, now: Date.now, redisUrl, catchUpMs: 60_000 });
    const b = await startEventSystem({ db: dbB, now: Date.now, redisUrl, catchUpMs: 60_000 });
    dbs.set(a, dbA);
    dbs.set(b, dbB);
    await delivery(a, a, 'same node');
    await delivery(a, b, 'other node');
    await a.close();
    await b.close();
    await dbA.destroy();
    await dbB.destroy();
  } finally {
    redis.kill('SIGKILL');
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
