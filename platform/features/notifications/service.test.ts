import { afterEach, beforeEach, expect, test } from 'vitest';
import { EventLog } from '../../kernel/events/event-log';
import { openMessagingTestDb, type MessagingTestDb } from '../messages/test-support';

let t: MessagingTestDb;
let ana: string;
let ben: string;
beforeEach(async () => {
  t = await openMessagingTestDb();
  ana = await t.user('ana');
  ben = await t.user('ben');
});
afterEach(() => t.close());

const unreadRows = async (userId: string): Promise<number> =>
  (
    await t.db
      .selectFrom('notifications' as never)
      .select('id' as never)
      .where('user_id' as never, '=', userId as never)
      .where('read_at' as never, 'is', null as never)
      .execute()
  ).length;

const notify = (userId: string, i: number) =>
  t.db.transaction().execute((trx) =>
    t.notifications.notify(trx, userId, {
      kind: 'order.accepted',
      said: { key: 'orderCancelledWithText', params: { reason: 'cancelled_by_creator', text: `order ${i}` } },
      target: { kind: 'order', id: `ord_${i}` },
    }),
  );

test('notify writes a notification and publishes it to user:<id> with the unread count', async () => {
  const n = await notify(ana, 1);
  expect(n).toMatchObject({
    kind: 'order.accepted',
    // The English for clients without the key, and the key with its parameters as given.
    text: 'Request cancelled: Cancelled by the creator (order 1)',
    textKey: { key: 'orderCancelledWithText', params: { reason: 'cancelled_by_creator', text: 'order 1' } },
    target: { kind: 'order', id: 'ord_1' },
    read: false,
  });
  expect(await t.eventsOf(ana)).toEqual([{ type: 'notification.created', data: { notification: n, unreadCount: 1 } }]);
  expect(await t.eventsOf(ben)).toEqual([]);
  expect(await t.notifications.list(ana, { limit: 10 })).toEqual({ notifications: [n], nextCursor: null, unreadCount: 1 });
  expect((await t.notifications.list(ben, { limit: 10 })).notifications).toEqual([]);
});

test('write leaves the event to the caller: published with its own events it is what notify publishes; rolled back, nothing is left', async () => {
  const input = { kind: 'order.accepted', said: { key: 'orderAccepted', params: {} }, target: { kind: 'order', id: 'ord_1' } } as const;
  await t.db.transaction().execute((trx) => t.notifications.write(trx, ana, input));
  expect(await t.eventsOf(ana)).toEqual([]);
  expect(await t.notifications.unreadCount(ana)).toBe(1);
  const written = await t.db.transaction().execute(async (trx) => {
    const w = await t.notifications.write(trx, ana, input);
    await new EventLog(t.db, { now: () => 0 }).publishAll(trx, [w.event, { topic: `user:${ana}`, type: 'test.after', data: {} }]);
    return w;
  });
  expect(written.event).toEqual({ topic: `user:${ana}`, type: 'notification.created', data: { notification: written.notification, unreadCount: 2 } });
  expect(await t.eventsOf(ana)).toEqual([
    { type: 'notification.created', data: { notification: written.notification, unreadCount: 2 } },
    { type: 'test.after', data: {} },
  ]);
  await expect(
    t.db.transaction().execute(async (trx) => {
      await t.notifications.write(trx, ana, input);
      throw new Error('the caller failed');
    }),
  ).rejects.toThrow('the caller failed');
  expect(await t.notifications.unreadCount(ana)).toBe(2);
  expect(await unreadRows(ana)).toBe(2);
});

test('notify validates kind, sentence and target', async () => {
  const said = { key: 'giftReceived', params: { sender: 'ana', gift: 'Moon cake', giftId: 'moon-cake' } };
  const bad = (input: object) => t.db.transaction().execute((trx) => t.notifications.notify(trx, ana, { kind: 'gift.received', said, target: { kind: 'gift', id: 'g1' }, ...input } as never));
  await expect(bad({ kind: 'Not A Slug' })).rejects.toThrow(/slug/);
  await expect(bad({ said: { key: 'noSuchSentence', params: {} } })).rejects.toThrow(/platform text key/);
  await expect(bad({ said: { key: 'giftReceived', params: { sender: 'ana' } } })).rejects.toThrow(/no value for \{\{gift\}\}/);
  await expect(bad({ said: { ...said, params: { ...said.params, gift: 'x'.repeat(400) } } })).rejects.toThrow(/300/);
  await expect(bad({ target: { kind: 'planet', id: 'x' } })).rejects.toThrow();
  await expect(bad({ target: { kind: 'order', id: '../x' } })).rejects.toThrow(/target id/);
  expect(await t.notifications.unreadCount(ana)).toBe(0);
});

test('a rolled-back caller leaves no notification, no count and no event', async () => {
  await expect(
    t.db.transaction().execute(async (trx) => {
      await t.notifications.notify(trx, ana, { kind: 'order.accepted', said: { key: 'orderAccepted', params: {} }, target: { kind: 'order', id: 'o1' } });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(await t.notifications.unreadCount(ana)).toBe(0);
  expect(await t.eventsOf(ana)).toEqual([]);
});

test('the unread count stays equal to the unread rows under concurrent notifies and reads; events count 1..n', async () => {
  await Promise.all(Array.from({ length: 30 }, (_, i) => notify(ana, i)));
  expect(await t.notifications.unreadCount(ana)).toBe(30);
  const counts = (await t.eventsOf(ana)).map((e) => e.data.unreadCount);
  expect(counts).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  const page = await t.notifications.list(ana, { limit: 10 });
  const ids = page.notifications.map((n) => n.id);
  // The same ids marked twice at once, more notifies meanwhile: each row flips once.
  await Promise.all([t.notifications.markRead(ana, { ids }), t.notifications.markRead(ana, { ids }), notify(ana, 100), notify(ana, 101)]);
  expect(await t.notifications.unreadCount(ana)).toBe(22);
  expect(await unreadRows(ana)).toBe(22);
  // Someone else's ids are ignored.
  const bens = await notify(ben, 1);
  expect(await t.notifications.markRead(ana, { ids: [bens.id] })).toBe(22);
  expect(await t.notifications.unreadCount(ben)).toBe(1);
  expect(await t.notifications.markRead(ana, { all: true })).toBe(0);
  expect(await unreadRows(ana)).toBe(0);
  expect((await t.eventsOf(ana)).at(-1)).toEqual({ type: 'notifications.read', data: { unreadCount: 0 } });
});

test('the list pages newest first with a cursor', async () => {
  for (let i = 0; i < 5; i++) await notify(ana, i);
  const first = await t.notifications.list(ana, { limit: 2 });
  const second = await t.notifications.list(ana, { limit: 2, cursor: first.nextCursor! });
  const third = await t.notifications.list(ana, { limit: 2, cursor: second.nextCursor! });
  expect([...first.notifications, ...second.notifications, ...third.notifications].map((n) => n.target.id)).toEqual(['ord_4', 'ord_3', 'ord_2', 'ord_1', 'ord_0']);
  expect(third.nextCursor).toBeNull();
});
