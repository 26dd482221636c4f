import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LIVE_HOOK_PATHS, ROOM_FRAGMENT_MS } from '@shared/protocol/live-stream';
import type { LiveMediaServer } from './media-server';
import { renderNginxConfig } from './nginx-config';

/** nginx and its RTMP module on this machine. */
export interface NginxInstall {
  readonly nginx: string;
  /** Null when the binary has the module built in. */
  readonly rtmpModule: string | null;
}

export const NGINX_INSTALL_HINT = 'install nginx and its RTMP module (Debian/Ubuntu: sudo apt-get install nginx-light libnginx-mod-rtmp), or set NGINX_PATH and NGINX_RTMP_MODULE';

/**
 * Finds nginx (NGINX_PATH, else /usr/sbin/nginx or PATH) and the RTMP module (NGINX_RTMP_MODULE, else
 * Debian's /usr/lib/nginx/modules/ngx_rtmp_module.so, else built in). Returns why not when either is missing.
 */
export function locateNginx(env: NodeJS.ProcessEnv): NginxInstall | { readonly missing: string } {
  const candidates = env.NGINX_PATH
    ? [env.NGINX_PATH]
    : ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx', ...(env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'nginx'))];
  const nginx = candidates.find((c) => c !== '' && existsSync(c));
  if (!nginx) return { missing: `nginx not found: ${NGINX_INSTALL_HINT}` };
  const module = env.NGINX_RTMP_MODULE ?? '/usr/lib/nginx/modules/ngx_rtmp_module.so';
  if (existsSync(module)) return { nginx, rtmpModule: module };
  const built = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  if (/rtmp/i.test(`${built.stdout}${built.stderr}`)) return { nginx, rtmpModule: null };
  return { missing: `nginx's RTMP module not found (${module}): ${NGINX_INSTALL_HINT}` };
}

export interface NginxMediaOptions {
  readonly install: NginxInstall;
  /** nginx's prefix (config, logs, HLS): e.g. `<dataDir>/live`. Rewritten at each start. */
  readonly dir: string;
  /** RTMP ingest port; 0 picks a free one. */
  readonly rtmpPort: number;
  /** The address RTMP listens on (default 127.0.0.1; `0.0.0.0` to take encoders from other machines). */
  readonly rtmpHost?: string;
  /** What encoders are told to publish to instead of `rtmp://<host they reached the platform at>:<port>/live` (behind NAT or a proxy). */
  readonly publicRtmpUrl?: string;
  readonly fragmentMs?: number;
  readonly playlistMs?: number;
  readonly warn?: (message: string) => void;
  /** How long nginx may take to listen (default 10 s). */
  readonly startTimeoutMs?: number;
}

const APP = 'live';

/**
 * The platform's origin as nginx on this machine reaches it, from the address it listens on: loopback
 * or all addresses. A platform bound to one other address only cannot take callbacks from loopback.
 */
export function hookOriginOf(address: string | net.AddressInfo | null): string {
  if (address === null || typeof address === 'string') throw new Error('live: the platform must listen on a TCP port before nginx starts');
  const { address: ip, port } = address;
  if (ip === '::1') return `http://[::1]:${port}`;
  if (ip === '0.0.0.0' || ip === '::' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1') return `http://127.0.0.1:${port}`;
  throw new Error(`live: nginx calls the platform back over loopback, but the platform listens on ${ip} only; listen on 0.0.0.0 or 127.0.0.1`);
}

/** Asks the kernel for a free loopback port (the small race with another taker is retried by the caller's start failing loudly). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * nginx with the RTMP module as the platform's child process: the config is written from the
 * template into `dir`, nginx runs in the foreground (`nginx -p dir -c dir/nginx.conf`), a crash is
 * restarted with backoff, and `stop()` ends it (SIGTERM, then SIGKILL after 3 s).
 */
export class NginxMediaServer implements LiveMediaServer {
  readonly app = APP;
  readonly hookSecret = randomBytes(24).toString('hex');
  readonly hlsDir: string;
  private child: ChildProcess | null = null;
  private stopping = false;
  private rtmpPort = 0;
  private controlPort = 0;
  private restarts: number[] = [];
  private restartListeners: (() => void)[] = [];

  constructor(private readonly options: Readonly<NginxMediaOptions>) {
    this.dir = path.resolve(options.dir);
    this.hlsDir = path.join(this.dir, 'hls');
  }

  private readonly dir: string;

  get available(): boolean {
    return this.child !== null && this.child.exitCode === null && !this.stopping;
  }

  /** The RTMP port nginx listens on (after start). */
  get port(): number {
    return this.rtmpPort;
  }

  rtmpUrl(hostname: string): string {
    if (this.options.publicRtmpUrl) return this.options.publicRtmpUrl;
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
    return `rtmp://${host}:${this.rtmpPort}/${APP}`;
  }

  async dropPublisher(name: string): Promise<void> {
    if (!this.available) return;
    const url = `http://127.0.0.1:${this.controlPort}/control/drop/publisher?app=${APP}&name=${encodeURIComponent(name)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    // 404: nobody publishes under that name any more (already gone).
    if (!res.ok && res.status !== 404) throw new Error(`nginx control answered ${res.status}`);
  }

  onRestarted(listener: () => void): void {
    this.restartListeners.push(listener);
  }

  /**
   * Writes the config and starts nginx; resolves once RTMP accepts connections. `hookOrigin` is the
   * platform's loopback origin (it must be listening already: see `hookOriginOf`).
   */
  async start(hookOrigin: string): Promise<void> {
    this.stopping = false;
    this.killStale();
    this.rtmpPort = this.options.rtmpPort === 0 ? await freePort() : this.options.rtmpPort;
    this.controlPort = await freePort();
    for (const sub of ['logs', 'temp', 'hls']) mkdirSync(path.join(this.dir, sub), { recursive: true });
    // Fragments of an earlier run are never served again (the platform serves only live streams), so they go.
    rmSync(this.hlsDir, { recursive: true, force: true });
    mkdirSync(this.hlsDir, { recursive: true });
    const conf = path.join(this.dir, 'nginx.conf');
    writeFileSync(
      conf,
      renderNginxConfig({
        prefix: this.dir,
        rtmpModule: this.options.install.rtmpModule,
        workerUser: process.getuid?.() === 0 ? 'root' : null,
        rtmpHost: this.options.rtmpHost ?? '127.0.0.1',
        rtmpPort: this.rtmpPort,
        controlPort: this.controlPort,
        app: APP,
        hlsDir: this.hlsDir,
        hookOrigin,
        hookSecret: this.hookSecret,
        publishPath: LIVE_HOOK_PATHS.publish,
        publishDonePath: LIVE_HOOK_PATHS.publishDone,
        fragmentMs: this.options.fragmentMs ?? ROOM_FRAGMENT_MS,
        playlistMs: this.options.playlistMs ?? 4000,
      }),
      { mode: 0o600 },
    );
    await this.spawn(conf);
  }

  /** Ends nginx; resolves when it has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }

  private async spawn(conf: string): Promise<void> {
    const errorLog = path.join(this.dir, 'logs', 'error.log');
    const child = spawn(this.options.install.nginx, ['-p', `${this.dir}/`, '-c', conf, '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    // A platform that exits without stop() (process.exit after an error) takes nginx with it. A SIGKILLed
    // one cannot: its nginx is ended by the next start in the same folder (killStale).
    const onExit = (): void => void child.kill('SIGKILL');
    process.once('exit', onExit);
    child.once('exit', () => process.off('exit', onExit));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.options.warn?.(`live: nginx exited (${signal ?? code}); ${this.tail(errorLog, stderr)}`);
      this.restartLater(conf);
    });
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 10_000);
    const host = (this.options.rtmpHost ?? '127.0.0.1') === '0.0.0.0' ? '127.0.0.1' : (this.options.rtmpHost ?? '127.0.0.1');
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`live: nginx did not start: ${this.tail(errorLog, stderr)}`);
      if ((await canConnect(this.rtmpPort, host)) && (await canConnect(this.controlPort, '127.0.0.1'))) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`live: nginx did not listen within ${this.options.startTimeoutMs ?? 10_000} ms: ${this.tail(errorLog, stderr)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** At most 5 restarts a minute, 1 s apart; then live stays off until the platform restarts. */
  private restartLater(conf: string): void {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > 5) {
      this.options.warn?.('live: nginx keeps exiting; live video is off until the platform restarts');
      return;
    }
    setTimeout(() => {
      if (this.stopping) return;
      this.spawn(conf).then(
        () => this.restartListeners.forEach((listener) => listener()),
        (error: unknown) => this.options.warn?.(error instanceof Error ? error.message : String(error)),
      );
    }, 1_000).unref();
  }

  /** An nginx left running by a platform that was killed (its pid file in our prefix) is ended first. */
  private killStale(): void {
    const pidFile = path.join(this.dir, 'nginx.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 1) return;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('nginx') && cmdline.includes(this.dir)) process.kill(pid, 'SIGKILL');
    } catch {
      // Not running (or no /proc): nothing to end.
    }
  }

  private tail(errorLog: string, stderr: string): string {
    let log = '';
    try {
      log = readFileSync(errorLog, 'utf8');
    } catch {
      // No log yet.
    }
    return (
      `${stderr}\n${log}`
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-3)
        .join(' | ') || 'no message'
    );
  }
}
