import path from 'node:path';
import { buildPlatform } from './app';
import { hookOriginOf, locateNginx, NginxMediaServer } from './features/live-stream/nginx-supervisor';
import { locateMediaTools } from './kernel/media/tools';
import { seedDemoVideos, type DemoVideosResult } from './seed/demo-videos';
import { DEMO_VIEWERS, loadCatalog } from './seed/seed';

export interface EmbeddedPlatform {
  /** Origin to hand to the sync module, e.g. `http://127.0.0.1:41237`. */
  readonly url: string;
  /** The demo videos being made and posted in the background at first start (null without a seed); later starts resolve at once. */
  readonly demoVideos: Promise<DemoVideosResult | null>;
  close(): Promise<void>;
}

export interface EmbeddedPlatformOptions {
  readonly dataDir: string;
  /** Root holding resources/catalog/catalog.json. */
  readonly resourcesDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly seed?: boolean;
  readonly warn?: (message: string) => void;
  /** Where the demo videos' encoded clips are kept between data dirs (default ~/.cache/anchor-studio/demo-videos). */
  readonly demoVideoCacheDir?: string;
  /** The built viewer web app; default `<resourcesDir>/../out/viewer` (the repository layout). */
  readonly webAppDir?: string;
  /**
   * Live video (nginx + RTMP module as a child process, RTMP on a free loopback port): `auto` (default)
   * when both are installed, otherwise off with a warning saying how to install them; false: off.
   */
  readonly live?: 'auto' | false;
}

/**
 * The platform inside the studio's own process, on 127.0.0.1 only: what the studio starts when no
 * remote platform is configured, so a fresh install has somewhere to post to.
 */
export async function startEmbeddedPlatform(options: Readonly<EmbeddedPlatformOptions>): Promise<EmbeddedPlatform> {
  const warn = options.warn ?? (() => undefined);
  const seed = options.seed === false ? null : { items: loadCatalog(path.join(options.resourcesDir, 'catalog', 'catalog.json'), warn), viewers: DEMO_VIEWERS };
  let live: NginxMediaServer | null = null;
  if (options.live !== false) {
    const install = locateNginx(process.env);
    if ('missing' in install) warn(`live video is off: ${install.missing}`);
    else live = new NginxMediaServer({ install, dir: path.join(options.dataDir, 'live'), rtmpPort: 0, warn });
  }
  const app = await buildPlatform({
    dataDir: options.dataDir,
    seed,
    webAppDir: options.webAppDir ?? path.join(options.resourcesDir, '..', 'out', 'viewer'),
    liveMedia: live,
    giftMediaDir: path.join(options.resourcesDir, 'gifts'),
  });
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  if (live) {
    // Without nginx the platform still works; only going live answers live_off.
    await live.start(hookOriginOf(app.server.address())).catch((error: unknown) => warn(`live video is off: ${error instanceof Error ? error.message : String(error)}`));
  }
  // Demo videos with anchors, so a new user sees them in the feed: made once per data dir with
  // ffmpeg, in the background (start-up does not wait for the encoder).
  const abort = new AbortController();
  const ffmpeg = seed ? (locateMediaTools(process.env)?.ffmpeg ?? null) : null;
  const demoVideos = seed
    ? seedDemoVideos(app, { dataDir: options.dataDir, ffmpeg, warn, signal: abort.signal, cacheDir: options.demoVideoCacheDir }).catch((error: unknown) => {
        if (!abort.signal.aborted) warn(`demo videos: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
    : Promise.resolve(null);
  return {
    url,
    demoVideos,
    async close() {
      abort.abort();
      await demoVideos;
      await app.close();
      await live?.stop();
    },
  };
}
