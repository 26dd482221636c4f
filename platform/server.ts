import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlatform, featureMigrations } from './app';
import { runCheckLedger } from './features/wallet/check-ledger-command';
import { parseServerConfig } from './kernel/config';
import { databaseTarget, openDatabase } from './kernel/db/database';
import { platformLogger } from './kernel/http/logging';
import { DEMO_VIEWERS, loadCatalog } from './seed/seed';
import { locateMediaTools } from './kernel/media/tools';
import { seedDemoVideos } from './seed/demo-videos';
import { hookOriginOf, locateNginx, NginxMediaServer } from './features/live-stream/nginx-supervisor';

/**
 * `npm run platform -- --port N --data-dir DIR [--database-url postgres://…] [--redis-url redis://…] [--live [--rtmp-port N]] [--no-seed]`: listens
 * and prints its URL on stdout (logs go to stderr). `npm run platform -- check-ledger [same flags]` verifies the ledger and exits.
 */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'check-ledger') {
    const checked = parseServerConfig(rest, process.env, path.join(os.homedir(), '.anchor-platform'));
    const db = await openDatabase(databaseTarget(checked.databaseUrl, checked.dataDir), featureMigrations);
    const code = await runCheckLedger(db, (line) => void process.stdout.write(`${line}\n`)).finally(() => db.destroy());
    process.exit(code);
  }
  const config = parseServerConfig(process.argv.slice(2), process.env, path.join(os.homedir(), '.anchor-platform'));
  const warn = (message: string): void => void process.stderr.write(`${JSON.stringify({ level: 40, msg: message })}\n`);
  // Live video: nginx + RTMP module as a child process (features/live-stream). Asked for and missing → refuse to start.
  let live: NginxMediaServer | null = null;
  if (config.live) {
    const install = locateNginx(process.env);
    if ('missing' in install) throw new Error(`--live: ${install.missing}`);
    const loopback = config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost';
    live = new NginxMediaServer({ install, dir: path.join(config.dataDir, 'live'), rtmpPort: config.live.rtmpPort, rtmpHost: loopback ? '127.0.0.1' : '0.0.0.0', warn });
  } else {
    warn('live video is off: start with --live (needs nginx-light and libnginx-mod-rtmp) to take RTMP streams and serve HLS');
  }
  const app = await buildPlatform(
    {
      dataDir: config.dataDir,
      webAppDir: path.join(root, 'out', 'viewer'),
      databaseUrl: config.databaseUrl,
      allowedHosts: config.allowedHosts,
      sandboxMerchantKey: config.sandboxMerchantKey,
      orderWindows: config.orderWindows,
      orderCutBps: config.orderCutBps,
      redisUrl: config.redisUrl,
      liveMedia: live,
      giftMediaDir: path.join(root, 'resources', 'gifts'),
      seed: config.seed ? { items: loadCatalog(path.join(root, 'resources', 'catalog', 'catalog.json'), warn), viewers: DEMO_VIEWERS } : null,
    },
    { ...platformLogger(process.env.PLATFORM_LOG_LEVEL ?? 'info', process.stderr), ...(config.trustProxy === undefined ? {} : { trustProxy: fastifyTrustProxy(config.trustProxy) }) },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  if (live) {
    try {
      await live.start(hookOriginOf(app.server.address()));
    } catch (error) {
      await app.close();
      throw error;
    }
    process.stderr.write(`live video on: RTMP ingest at rtmp://${config.host}:${live.port}/live/<stream key>, HLS at /live/<roomId>/index.m3u8\n`);
  }
  process.stdout.write(`${address.replace('[::1]', 'localhost')}\n`);
  // With the seed, the demo videos (with anchors) are made once per data dir in the background.
  const demo = new AbortController();
  const demoVideos = config.seed
    ? seedDemoVideos(app, { dataDir: config.dataDir, ffmpeg: locateMediaTools(process.env)?.ffmpeg ?? null, warn, signal: demo.signal }).catch((error: unknown) => {
        if (!demo.signal.aborted) warn(`demo videos: ${error instanceof Error ? error.message : String(error)}`);
      })
    : Promise.resolve();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      demo.abort();
      void demoVideos
        .then(() => app.close())
        .then(() => live?.stop())
        .then(() => process.exit(0));
    });
  }
}

/** A hop count becomes proxy-addr's function form (Fastify's types take no number). */
function fastifyTrustProxy(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
