import { Redis } from 'ioredis';
import type { EventBus } from './bus';

const CHANNEL = 'anchor-platform:events';

/**
 * Several nodes: a wake-up is a Redis pub/sub message. Pub/sub delivers at most once (nothing
 * while a subscriber reconnects), so every (re)connection also wakes the local hub to catch up
 * from the log.
 */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<() => void>();

  private constructor(url: string) {
    const options = { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: false } as const;
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    this.sub.on('message', () => this.wakeAll());
    this.sub.on('ready', () => this.wakeAll());
    // Errors are retried by ioredis; the periodic catch-up keeps delivery going meanwhile.
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
  }

  static async connect(url: string): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    await bus.sub.subscribe(CHANNEL);
    return bus;
  }

  notify(): void {
    this.wakeAll();
    if (this.pub.status === 'ready') void this.pub.publish(CHANNEL, '1').catch(() => undefined);
  }

  onWake(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  private wakeAll(): void {
    for (const listener of this.listeners) listener();
  }
}
