import type { PlatformEvent } from '@shared/protocol/platform-events';
import { platformEventData, type EventEnvelope } from '@shared/protocol/events';
import { LocalEventBus, type EventBus } from './bus';
import { EventLog } from './event-log';
import { EventHub } from './hub';
import { RedisEventBus } from './redis-bus';
import type { EventExecutor } from './schema';
import { TopicAuthorizer } from './topics';

export interface EventSystem {
  readonly log: EventLog;
  readonly hub: EventHub;
  readonly topics: TopicAuthorizer;
  readonly bus: EventBus;
  /** Public activity (Discover) for features that publish a PlatformEvent, inside the transaction of the change. */
  readonly publicEvents: PublicEvents;
  close(): Promise<void>;
}

/** Writes a public event (Discover's activity) in `trx`: it exists if and only if `trx` commits. */
export interface PublicEvents {
  publish(trx: EventExecutor, event: PlatformEvent): Promise<void>;
}

export interface EventSystemOptions {
  readonly db: EventExecutor;
  readonly now: () => number;
  /** Several nodes share wake-ups through Redis; absent → this node alone. */
  readonly redisUrl?: string;
  readonly retentionMs?: number;
  readonly catchUpMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** The log, this node's hub and the bus between nodes; prunes past retention at start and hourly. */
export async function startEventSystem(options: EventSystemOptions): Promise<EventSystem> {
  const bus: EventBus = options.redisUrl ? await RedisEventBus.connect(options.redisUrl) : new LocalEventBus();
  const alone = !options.redisUrl;
  const onPublished = (committed: readonly EventEnvelope[] | null): void => {
    // This node's own commits go out without a read (EventHub.committed); alone, a node whose hub
    // fanned them all out has nobody else to wake. A failed fan-out must not fail the commit's caller.
    let out = false;
    try {
      out = committed !== null && hub.committed(committed);
    } catch (error) {
      options.onError?.(error);
    }
    if (!out || !alone) bus.notify();
  };
  const log = new EventLog(options.db, { now: options.now, retentionMs: options.retentionMs, onPublished });
  const hub = new EventHub(log, bus, { catchUpMs: options.catchUpMs, onError: options.onError });
  await hub.start();
  const prune = (): void => void log.prune().catch((error: unknown) => options.onError?.(error));
  prune();
  const sweep = setInterval(prune, 60 * 60 * 1000);
  sweep.unref();
  return {
    log,
    hub,
    topics: new TopicAuthorizer(),
    bus,
    publicEvents: {
      publish: async (trx, event) => {
        await log.publish(trx, { topic: 'public', type: event.type, data: platformEventData(event), at: event.at });
      },
    },
    async close() {
      clearInterval(sweep);
      hub.stop();
      await bus.close();
    },
  };
}
