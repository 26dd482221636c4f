export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly seed: boolean;
  /** `postgres://…`; absent → the embedded SQLite file in dataDir. */
  readonly databaseUrl?: string;
  /** `redis://…`: wakes the other nodes when events are written; absent → a single node. */
  readonly redisUrl?: string;
  /** Fastify's `trustProxy`: true, a hop count, or the proxies' addresses/CIDRs (comma-separated); absent → the socket's address is the client's. */
  readonly trustProxy?: boolean | number | string;
  /** Extra `Host` values the platform answers to, besides its own address (behind a proxy: the public name). */
  readonly allowedHosts?: readonly string[];
  /** The sandbox merchant's API key (--sandbox-merchant-key / PLATFORM_SANDBOX_MERCHANT_KEY); absent → generated at start. */
  readonly sandboxMerchantKey?: string;
  /** Custom video orders: the accept / deliver windows (--order-accept-hours, --order-deliver-hours; default 48 / 168) and the platform's cut (--order-cut-bps; default 2,500). */
  readonly orderWindows?: { readonly acceptMs: number; readonly deliverMs: number };
  readonly orderCutBps?: number;
  /** Live video (--live / PLATFORM_LIVE=1): nginx + RTMP module as a child process, RTMP on `rtmpPort` (--rtmp-port; default 1935, 0 picks a free one). */
  readonly live?: { readonly rtmpPort: number };
}

const usage =
  'usage: npm run platform -- [--port N] [--data-dir DIR] [--database-url postgres://…] [--redis-url redis://…] [--host ADDR --allow-remote] [--trust-proxy true|HOPS|ADDRS] [--allowed-host NAME[:PORT]]... [--sandbox-merchant-key KEY] [--order-accept-hours H] [--order-deliver-hours H] [--order-cut-bps N] [--live [--rtmp-port N]] [--no-seed]';

/**
 * Flags win over PLATFORM_PORT / PLATFORM_DATA_DIR / PLATFORM_DATABASE_URL / PLATFORM_REDIS_URL / PLATFORM_HOST. A non-loopback host needs
 * --allow-remote: the demo accounts have public passwords, so exposing them must be deliberate.
 */
export function parseServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv, defaultDataDir: string): ServerConfig {
  let port = env.PLATFORM_PORT;
  let dataDir = env.PLATFORM_DATA_DIR;
  let databaseUrl = env.PLATFORM_DATABASE_URL || undefined;
  let redisUrl = env.PLATFORM_REDIS_URL || undefined;
  let host = env.PLATFORM_HOST ?? '127.0.0.1';
  let seed = true;
  let allowRemote = env.PLATFORM_ALLOW_REMOTE === '1';
  let trustProxy = env.PLATFORM_TRUST_PROXY || undefined;
  let sandboxMerchantKey = env.PLATFORM_SANDBOX_MERCHANT_KEY || undefined;
  let orderAcceptHours = env.PLATFORM_ORDER_ACCEPT_HOURS || undefined;
  let orderDeliverHours = env.PLATFORM_ORDER_DELIVER_HOURS || undefined;
  let orderCutBps = env.PLATFORM_ORDER_CUT_BPS || undefined;
  let live = env.PLATFORM_LIVE === '1';
  let rtmpPort = env.PLATFORM_RTMP_PORT || undefined;
  const allowedHosts = (env.PLATFORM_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${usage}`);
      return v;
    };
    if (arg === '--port') port = value();
    else if (arg === '--data-dir') dataDir = value();
    else if (arg === '--database-url') databaseUrl = value();
    else if (arg === '--redis-url') redisUrl = value();
    else if (arg === '--host') host = value();
    else if (arg === '--no-seed') seed = false;
    else if (arg === '--allow-remote') allowRemote = true;
    else if (arg === '--trust-proxy') trustProxy = value();
    else if (arg === '--allowed-host') allowedHosts.push(value().trim());
    else if (arg === '--sandbox-merchant-key') sandboxMerchantKey = value();
    else if (arg === '--order-accept-hours') orderAcceptHours = value();
    else if (arg === '--order-deliver-hours') orderDeliverHours = value();
    else if (arg === '--order-cut-bps') orderCutBps = value();
    else if (arg === '--live') live = true;
    else if (arg === '--rtmp-port') rtmpPort = value();
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  const portNumber = port === undefined ? 0 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) throw new Error(`--port must be 0..65535, not ${port}`);
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!loopback && !allowRemote) throw new Error(`refusing to listen on ${host}: add --allow-remote to serve beyond this machine`);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error(`--database-url must be a postgres:// URL\n${usage}`);
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new Error(`--redis-url must be a redis:// URL\n${usage}`);
  const hoursMs = (flag: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = Math.round(Number(text) * 60 * 60 * 1000);
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new Error(`${flag} must be a positive number of hours, not ${text}`);
    return ms;
  };
  const orderWindows =
    orderAcceptHours === undefined && orderDeliverHours === undefined
      ? undefined
      : { acceptMs: hoursMs('--order-accept-hours', orderAcceptHours, 48 * 3_600_000), deliverMs: hoursMs('--order-deliver-hours', orderDeliverHours, 168 * 3_600_000) };
  const cut = orderCutBps === undefined ? undefined : Number(orderCutBps);
  if (cut !== undefined && (!Number.isInteger(cut) || cut < 0 || cut > 10_000)) throw new Error(`--order-cut-bps must be 0..10000 basis points, not ${orderCutBps}`);
  const rtmp = rtmpPort === undefined ? 1935 : Number(rtmpPort);
  if (!Number.isInteger(rtmp) || rtmp < 0 || rtmp > 65535) throw new Error(`--rtmp-port must be 0..65535, not ${rtmpPort}`);
  if (rtmpPort !== undefined && !live) throw new Error(`--rtmp-port needs --live\n${usage}`);
  return {
    port: portNumber,
    host,
    dataDir: dataDir ?? defaultDataDir,
    seed,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(trustProxy === undefined ? {} : { trustProxy: parseTrustProxy(trustProxy) }),
    ...(allowedHosts.length === 0 ? {} : { allowedHosts }),
    ...(sandboxMerchantKey === undefined ? {} : { sandboxMerchantKey }),
    ...(orderWindows === undefined ? {} : { orderWindows }),
    ...(cut === undefined ? {} : { orderCutBps: cut }),
    ...(live ? { live: { rtmpPort: rtmp } } : {}),
  };
}

/** `true`, a hop count (`1`), or addresses/CIDRs (`10.0.0.1,10.1.0.0/16`), as Fastify takes them. */
export function parseTrustProxy(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}
