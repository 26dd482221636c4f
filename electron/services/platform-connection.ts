import path from 'node:path';
import { startEmbeddedPlatform } from '@platform/embedded';
import type { Logger } from './logger';

export interface PlatformConnection {
  /** Origin of the platform the studio talks to. */
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

export interface PlatformConnectionOptions {
  /** A remote platform (`--platform-url` / `PLATFORM_URL`); when absent, an embedded one is started. */
  readonly remoteUrl?: string | null;
  readonly dataDir: string;
  /** Folder holding `catalog/catalog.json` for seeding. */
  readonly resourcesDir: string;
  readonly seed: boolean;
  readonly logger: Logger;
}

/**
 * Decides which platform the studio talks to. With no remote configured, the reference platform
 * runs inside the studio's process on 127.0.0.1 with its data in `<dataDir>/platform`, so a fresh
 * install is a working system.
 */
export async function connectPlatform(options: PlatformConnectionOptions): Promise<PlatformConnection> {
  if (options.remoteUrl) {
    const url = new URL(options.remoteUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The platform URL must be http(s), got ${url.protocol}`);
    return { url: url.origin, embedded: false, close: async () => undefined };
  }
  const platform = await startEmbeddedPlatform({
    dataDir: path.join(options.dataDir, 'platform'),
    resourcesDir: options.resourcesDir,
    seed: options.seed,
    warn: (message) => options.logger.warn(message),
  });
  options.logger.info('embedded platform listening', { url: platform.url });
  return { url: platform.url, embedded: true, close: () => platform.close() };
}
