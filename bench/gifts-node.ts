import type { FastifyInstance } from 'fastify';
import { buildPlatform } from '@platform/app';

/**
 * A platform node for `npm run bench -- gifts`: bench/gifts.ts builds node A in its own process and
 * forks this one for node B (same database, wake-ups through Redis), so the two nodes run on their
 * own event loops as two servers would.
 */
export interface NodeOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly viewers: number;
}

export function nodeOptions(o: NodeOptions): Parameters<typeof buildPlatform>[0] {
  return {
    dataDir: o.dataDir,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}),
    mediaTools: null,
    seed: { items: [], viewers: [] },
    scryptCost: { N: 1024, r: 8, p: 1 },
    authRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
    eventLimits: { socketsPerIp: o.viewers + 100, socketsPerAccount: 100, subscribeWithinMs: 600_000 },
    gifts: { sendRate: { burst: 1_000_000, perSecond: 1_000_000 } },
    sandboxMerchantKey: 'bench-merchant-key-0123456789',
  };
}

if (process.send && process.argv[2] === 'node') {
  let app: FastifyInstance | null = null;
  const reply = (message: unknown): void => void process.send!(message);
  process.on('message', (message: { type: 'start'; options: NodeOptions } | { type: 'cpu' } | { type: 'close' }) => {
    if (message.type === 'start')
      void (async () => {
        app = await buildPlatform(nodeOptions(message.options));
        reply({ type: 'started', base: await app.listen({ port: 0, host: '127.0.0.1' }) });
      })().catch((error: unknown) => reply({ type: 'error', message: String(error instanceof Error ? error.stack : error) }));
    else if (message.type === 'cpu') reply({ type: 'cpu', ...process.cpuUsage() });
    else if (message.type === 'close')
      void (async () => {
        await app?.close();
        reply({ type: 'closed' });
        process.exit(0);
      })();
  });
  process.on('disconnect', () => process.exit(0));
}
