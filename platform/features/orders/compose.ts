import path from 'node:path';
import type { OrderWindows } from '@shared/domain/orders/lifecycle';
import { checkWindows } from '@shared/domain/orders/lifecycle';
import type { Db } from '../../kernel/db/database';
import { transaction } from '../../kernel/db/transaction';
import type { EventLog } from '../../kernel/events/event-log';
import type { TopicAuthorizer } from '../../kernel/events/topics';
import type { Scheduler } from '../../kernel/jobs/scheduler';
import type { MediaTools } from '../../kernel/media/tools';
import { LocalDiskStorage } from '../../kernel/storage/media-storage';
import type { OwnedUploads } from '../uploads/service';
import type { WalletLedger } from '../wallet/service';
import { CustomizationService } from './customization-service';
import { OrderForwards } from './forward-service';
import { OrderNotices, type OrderMessages, type OrderNotifier } from './notices';
import { OrdersRepository } from './repository';
import type { OrdersExecutor } from './schema';
import { DEADLINE_JOB, OrdersService, type OrderUsers } from './service';
import { OrderViews } from './view';

export interface OrdersSetup {
  readonly db: Db;
  readonly users: OrderUsers;
  readonly uploads: Pick<OwnedUploads, 'readOwned' | 'fileOf' | 'forget'>;
  readonly ledger: WalletLedger;
  readonly jobs: Scheduler;
  readonly log: Pick<EventLog, 'publish'>;
  readonly topics: TopicAuthorizer;
  /** Delivered videos and intros go to `<dataDir>/order-media` (shared between nodes like media/). */
  readonly dataDir: string;
  readonly now: () => number;
  readonly windows?: OrderWindows | undefined;
  /** ffprobe for deliveries and intros; null refuses them. */
  readonly tools: MediaTools | null;
  readonly cutBps?: number | undefined;
  readonly messages?: OrderMessages | undefined;
  readonly notifier?: OrderNotifier | undefined;
}

/**
 * Builds the orders feature's parts once: the deadline job (expiry releases the hold), the
 * `order:<id>` topic rule (its requester and creator only) and what the routes need.
 */
export function composeOrders(setup: OrdersSetup) {
  const repo = new OrdersRepository(setup.db);
  const run = <T>(work: (trx: OrdersExecutor) => Promise<T>): Promise<T> => transaction(setup.db, work);
  const storage = new LocalDiskStorage(path.join(setup.dataDir, 'order-media'));
  const handleOf = async (userId: string, trx: OrdersExecutor): Promise<string> => (await setup.users.byId(userId, trx))?.handle ?? 'someone';
  const notices = new OrderNotices({ events: setup.log, messages: setup.messages, notifier: setup.notifier, handleOf });
  const orders = new OrdersService({
    repo,
    transaction: run,
    ledger: setup.ledger,
    jobs: setup.jobs,
    uploads: setup.uploads,
    storage,
    users: setup.users,
    notices,
    now: setup.now,
    windows: setup.windows ? checkWindows(setup.windows) : undefined,
    tools: setup.tools,
    cutBps: setup.cutBps,
  });
  const customization = new CustomizationService({ repo, orders, transaction: run, events: setup.log, uploads: setup.uploads, storage, users: setup.users, now: setup.now });
  const forwards = new OrderForwards({ repo, orders, transaction: run, users: setup.users, messages: setup.messages, notifier: setup.notifier, now: setup.now });
  setup.jobs.define(DEADLINE_JOB, async (job, trx) => {
    await orders.expire(job.key, trx);
  });
  setup.topics.allow('order', async (id, userId) => {
    if (userId === null) return false;
    const parties = await repo.participants(id);
    return parties !== null && parties.includes(userId);
  });
  return { repo, orders, customization, forwards, views: new OrderViews(setup.users), storage };
}
