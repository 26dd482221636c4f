import Database from 'better-sqlite3';
import type { InjectOptions } from 'fastify';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { NotificationPage } from '@shared/protocol/notifications';
import { transaction } from '../../kernel/db/transaction';
import { EventLog } from '../../kernel/events/event-log';
import { testDatabaseUrlFor } from '../../test-support/database';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';
import { NotificationsService } from './service';

let p: TestPlatform;
/** A second connection to the platform's database: another feature's writer, as orders or gifts will be. */
let writer: Kysely<object>;
let notifications: NotificationsService;
let ana: { token: string; id: string };
let ben: { token: string; id: string };

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrlFor();
  p = await createTestPlatform({ databaseUrl });
  writer = databaseUrl
    ? new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 4 }) }) })
    : new Kysely({ dialect: new SqliteDialect({ database: new Database(path.join(p.dataDir, 'platform.sqlite'), { timeout: 5000 }) }) });
  const log = new EventLog(writer, { now: p.clock.now });
  notifications = new NotificationsService({ db: writer, events: log, now: p.clock.now, transaction: (work) => transaction(writer as never, work as never) });
  const a = await p.register('ana_n');
  const b = await p.register('ben_n');
  ana = { token: a.token, id: a.user.id };
  ben = { token: b.token, id: b.user.id };
});
afterAll(async () => {
  await writer.destroy();
  await p.close();
});

const as = (who: { token: string }, request: InjectOptions) => p.app.inject({ ...request, headers: { authorization: `Bearer ${who.token}` } });
const notify = (userId: string, i: number) =>
  writer.transaction().execute((trx) =>
    notifications.notify(trx, userId, {
      kind: 'gift.received',
      said: { key: 'giftReceived', params: { sender: 'ana', gift: `Gift ${i}`, giftId: `operator-gift-${i}` } },
      target: { kind: 'gift', id: `gft_${i}` },
    }),
  );

test('list, unread count and read marks: ids only mark the caller’s own; all marks every one', async () => {
  for (let i = 0; i < 4; i++) await notify(ana.id, i);
  const bens = await notify(ben.id, 9);
  expect((await as(ana, { method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({ unreadCount: 4 });
  const page = (await as(ana, { method: 'GET', url: '/api/v1/notifications?limit=3' })).json<NotificationPage>();
  expect(page.notifications.map((n) => n.text)).toEqual(['@ana sent you Gift 3', '@ana sent you Gift 2', '@ana sent you Gift 1']);
  expect(page.unreadCount).toBe(4);
  const rest = (await as(ana, { method: 'GET', url: `/api/v1/notifications?limit=3&cursor=${page.nextCursor}` })).json<NotificationPage>();
  expect(rest.notifications.map((n) => n.text)).toEqual(['@ana sent you Gift 0']);
  expect(rest.nextCursor).toBeNull();

  const read = await as(ana, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: [page.notifications[0]!.id, bens.id] } });
  expect(read.json()).toEqual({ unreadCount: 3 });
  expect((await as(ben, { method: 'GET', url: '/api/v1/notifications/unread-count' })).json()).toEqual({ unreadCount: 1 });
  const after = (await as(ana, { method: 'GET', url: '/api/v1/notifications' })).json<NotificationPage>();
  expect(after.notifications.map((n) => n.read)).toEqual([true, false, false, false]);
  expect((await as(ana, { method: 'POST', url: '/api/v1/notifications/read', payload: { all: true } })).json()).toEqual({ unreadCount: 0 });
  expect((await as(ben, { method: 'GET', url: '/api/v1/notifications' })).json<NotificationPage>().notifications).toMatchObject([
    { text: '@ana sent you Gift 9', read: false, target: { kind: 'gift', id: 'gft_9' } },
  ]);
});

test('bad read bodies are 400', async () => {
  for (const payload of [{}, { ids: [] }, { all: false }, { ids: ['not-an-id'] }, { ids: [], all: true }]) {
    const res = await as(ana, { method: 'POST', url: '/api/v1/notifications/read', payload });
    expect(res.statusCode, JSON.stringify(payload)).toBe(400);
  }
});
