import path from 'node:path';
import { buildPlatform } from './app';
import { DEMO_VIEWERS, loadCatalog } from './seed/seed';

export interface EmbeddedPlatform {
  /** Origin to hand to the sync module, e.g. `http://127.0.0.1:41237`. */
  readonly url: string;
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
  /** The built viewer web app; default `<resourcesDir>/../out/viewer` (the repository layout). */
  readonly webAppDir?: string;
}

/**
 * The platform inside the studio's own process, on 127.0.0.1 only: what the studio starts when no
 * remote platform is configured, so a fresh install has somewhere to post to.
 */
export async function startEmbeddedPlatform(options: Readonly<EmbeddedPlatformOptions>): Promise<EmbeddedPlatform> {
  const warn = options.warn ?? (() => undefined);
  const seed = options.seed === false ? null : { items: loadCatalog(path.join(options.resourcesDir, 'catalog', 'catalog.json'), warn), viewers: DEMO_VIEWERS };
  const app = await buildPlatform({ dataDir: options.dataDir, seed, webAppDir: options.webAppDir ?? path.join(options.resourcesDir, '..', 'out', 'viewer') });
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
