import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../services/data-dir';
import { createLogger } from '../services/logger';
import { connectPlatform } from '../services/platform-connection';
import { composeStudio } from '../services/compose';
import { isLoopback, startWebHost } from './web-host';
import { loadOrCreateToken } from './web-token';

/**
 * Composition root of the browser-hosted studio: the same main-side services as the Electron app,
 * served to a browser on loopback. `npm run studio:web -- --port N --data-dir DIR`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.STUDIO_PORT ?? '0' },
      'data-dir': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      'platform-url': { type: 'string', default: process.env.PLATFORM_URL },
      'no-platform-seed': { type: 'boolean', default: false },
      /** A new access token: every page opened with the old one must be opened again. */
      'rotate-token': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${values.port}"`);
  if (!isLoopback(values.host) && !values['allow-remote']) {
    throw new Error(`Refusing to listen on ${values.host}: the studio serves your files. Pass --allow-remote if you really mean it.`);
  }
  const root = path.resolve(__dirname, '..', '..');
  const rendererDir = path.join(root, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` first.');

  const dataDir = path.resolve(values['data-dir'] ?? process.env.STUDIO_DATA_DIR ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger('studio');
  const { version } = (await import(path.join(root, 'package.json'), { with: { type: 'json' } })) as { version: string };
  const platform = await connectPlatform({
    remoteUrl: values['platform-url'] ?? null,
    dataDir,
    resourcesDir: path.join(root, 'resources'),
    seed: !values['no-platform-seed'],
    logger: logger.child('platform'),
  });
  const services = composeStudio({ dataDir, host: 'browser', version, logger, platform });
  const { token } = loadOrCreateToken(dataDir, values['rotate-token']);
  const host = await startWebHost({ services, rendererDir, host: values.host, port, logger, platformOrigin: platform.url, token });

  process.stdout.write(`Anchor Studio (browser-hosted) is running.\nData: ${dataDir}\nPlatform: ${platform.url}${platform.embedded ? ' (embedded)' : ''}\nOpen: ${host.url}\n`);
  logger.info('web host listening', { origin: host.origin, dataDir });

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void host.close().finally(async () => {
      await platform.close().catch(() => undefined);
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Anchor Studio could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
