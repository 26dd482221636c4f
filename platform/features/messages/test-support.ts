import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseTarget, type Db } from '../../kernel/db/database';
import { transaction } from '../../kernel/db/transaction';
import { EventLog } from '../../kernel/events/event-log';
import { eventLogMigrations } from '../../kernel/events/migrations/0110-event-log';
import { testDialect } from '../../test-support/database';
import { testDatabaseUrl } from '../../test-support/postgres';
import { notificationsMigrations } from '../notifications/migrations/index';
import { NotificationsService } from '../notifications/service';
import { messagesMigrations } from './migrations/index';
import { MessagesService } from './service';
import type { SendLimit } from './send-limiter';

export interface MessagingTestDb {
  readonly db: Db;
  readonly log: EventLog;
  readonly messages: MessagesService;
  readonly notifications: NotificationsService;
  readonly clock: { now(): number; advance(ms: number): void };
  /** Inserts an account row (the kernel's users table) and returns its id. */
  user(handle: string): Promise<string>;
  /** Events written to `user:<id>` so far, oldest first. */
  eventsOf(userId: string): Promise<{ type: string; data: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/**
 * A migrated platform database (kernel + event log + messages + notifications) of the run's
 * dialect — PostgreSQL in the `platform-pg` project, else a SQLite file — with both services.
 */
export async function openMessagingTestDb(options: { sendLimit?: SendLimit } = {}): Promise<MessagingTestDb> {
  const migrations = { ...eventLogMigrations, ...messagesMigrations, ...notificationsMigrations };
  const dir = testDialect() === 'postgres' ? null : mkdtempSync(path.join(os.tmpdir(), 'messages-db-'));
  const target: DatabaseTarget = dir === null ? { kind: 'postgres', url: await testDatabaseUrl() } : { kind: 'sqlite', file: path.join(dir, 'platform.sqlite') };
  const db = await openDatabase(target, migrations);
  let time = Date.UTC(2026, 11, 1, 12);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const log = new EventLog(db, { now: clock.now });
  const tx = <T>(work: (trx: never) => Promise<T>): Promise<T> => transaction(db, work as never);
  let n = 0;
  return {
    db,
    log,
    clock,
    messages: new MessagesService({ db, events: log, now: clock.now, transaction: tx, sendLimit: options.sendLimit }),
    notifications: new NotificationsService({ db, events: log, now: clock.now, transaction: tx }),
    async user(handle) {
      const id = `usr_${String(++n).padStart(4, '0')}${handle
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 20)
        .padEnd(8, '0')}`;
      await db.insertInto('users').values({ id, handle, display_name: handle.toUpperCase(), password_hash: 'x', created_at: 0 }).execute();
      return id;
    },
    async eventsOf(userId) {
      const events = await log.read(0, { topics: [`user:${userId}`], limit: 10_000 });
      return events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
    },
    async close() {
      await db.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
