import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Room } from '@shared/protocol/rooms';
import { buildPlatform } from '@platform/app';
import { Child } from './gifts';
import type { ViewersOpen, ViewersTally } from './gifts-clients';
import { nodeOptions } from './gifts-node';

/**
 * CPU per gift on one SQLite node, no sockets: `tsx bench/gifts-cpu.ts [N]` sends N gifts through
 * the real route (app.inject: auth, zod, service, SQL), one at a time and then 32 at a time, and
 * prints the process's CPU per gift (process.cpuUsage) and the SQL statements per gift. A yardstick
 * for the send path beside `npm run bench -- gifts`, which adds 2,000 sockets.
 * GIFTS_CPU_PROFILE=<file> writes a .cpuprofile of the sequential part.
 * GIFTS_CPU_VIEWERS=<n>: n viewer sockets (in a process of their own) subscribe to the room, and each
 * part ends when every one of them has had every gift's notice, so the CPU per gift includes the fan-out.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-gifts-cpu-'));
  const viewerCount = Number(process.env.GIFTS_CPU_VIEWERS ?? 0);
  const app = await buildPlatform(nodeOptions({ dataDir, viewers: Math.max(10, viewerCount) }));
  const post = async (url: string, token: string | null, body: unknown) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, payload: body as object });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const register = async (handle: string) => ((await post('/auth/register', null, { handle, password: 'bench password', displayName: handle })) as { token: string }).token;
  const streamer = await register('cpu_streamer');
  const sender = await register('cpu_sender');
  for (let i = 0; i < 100; i++) await post('/wallet/top-up', sender, { coins: 1_000_000, idempotencyKey: `cpu-top-up-${i}` });
  const room = (await post('/rooms', streamer, { title: 'CPU', timeZone: 'UTC' })) as unknown as Room;
  let sent = 0;
  const viewers = viewerCount > 0 ? await Child.start('gifts-clients.ts', 'viewers') : null;
  if (viewers) {
    const wsUrl = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/v1/events`;
    await viewers.ask({ type: 'open', urls: [wsUrl], topic: `room:${room.id}`, count: viewerCount } satisfies ViewersOpen, 'ready');
  }
  /** Until every viewer socket has every gift sent so far. */
  const delivered = async (): Promise<void> => {
    while (viewers && (await viewers.ask<ViewersTally>({ type: 'tally' }, 'tally')).min < sent) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const send = () => post(`/rooms/${room.id}/gifts`, sender, { giftId: 'bundle-of-flowers', message: `#${sent}`, idempotencyKey: `cpu-gift-${sent++}` });

  // Every statement runs through better-sqlite3's Statement (run/get/all/iterate, synchronous): count and time them.
  let statements = 0;
  let sqlMs = 0;
  const bySql = new Map<string, { count: number; ms: number }>();
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: { source: string }, ...a: unknown[]) {
      statements++;
      const t = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const took = performance.now() - t;
        sqlMs += took;
        const seen = bySql.get(this.source) ?? { count: 0, ms: 0 };
        seen.count++;
        seen.ms += took;
        bySql.set(this.source, seen);
      }
    };
  }
  for (let i = 0; i < 300; i++) await send();
  await delivered();

  const measure = async (label: string, parallel: number, profile?: string): Promise<void> => {
    const session = profile ? new inspector.Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    statements = 0;
    sqlMs = 0;
    bySql.clear();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next++ < n) await send();
      }),
    );
    await delivered();
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    if (session) writeFileSync(profile!, JSON.stringify((await session.post('Profiler.stop')).profile));
    console.log(
      `${label.padEnd(12)} ${n} gifts: ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms CPU/gift, ${(wall / n).toFixed(3)} ms wall/gift, ${(statements / n).toFixed(1)} statements/gift taking ${(sqlMs / n).toFixed(3)} ms${viewers ? `, delivered to ${viewerCount} viewer sockets` : ''} (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
  };
  await measure('sequential', 1, process.env.GIFTS_CPU_PROFILE);
  // GIFTS_CPU_SQL=1: each statement of the sequential part, per gift (wall time inside SQLite, so a commit's fsync counts).
  if (process.env.GIFTS_CPU_SQL)
    for (const [source, { count, ms }] of [...bySql].sort((x, y) => y[1].ms - x[1].ms)) console.log(`  ${(count / n).toFixed(2)}× ${(ms / n).toFixed(3)} ms  ${source.slice(0, 150)}`);
  await measure('parallel 32', 32);
  viewers?.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
