import { expect, test } from 'vitest';
import type { EventEnvelope } from '@shared/protocol/events';
import { LocalEventBus } from './bus';
import type { EventLog } from './event-log';
import { EventHub } from './hub';
import { SocketOutbox } from './socket-outbox';
import { fakeSocket, writtenIds } from './test-support';

/** A log in memory whose replay reads are slow, so the node's reader overtakes them (as on a PostgreSQL pool). */
function slowReplayLog(rows: EventEnvelope[]): EventLog {
  const fake = {
    lastId: () => Promise.resolve(rows.at(-1)?.id ?? 0),
    read: async (after: number, o: { topics: readonly string[] | null; upTo?: number; limit: number }) => {
      const upTo = o.upTo ?? Infinity;
      const found = rows.filter((r) => r.id > after && r.id <= upTo && (!o.topics || o.topics.includes(r.topic))).slice(0, o.limit);
      await new Promise((r) => setTimeout(r, o.topics ? 15 : 0));
      return found;
    },
  };
  return fake as unknown as EventLog;
}

/** A started hub over 50 rows (every third on another topic) with a slow replay, and `write`: 150 more rows, 1 ms apart, each with a wake-up. */
async function hubUnderWrites(): Promise<{ rows: EventEnvelope[]; hub: EventHub; write: () => Promise<void> }> {
  const rows: EventEnvelope[] = [];
  const add = (): void => void rows.push({ id: rows.length + 1, topic: rows.length % 3 ? 'public' : 'other', type: 'test.counted', data: {}, at: 0 });
  for (let i = 0; i < 50; i++) add();
  const bus = new LocalEventBus();
  const hub = new EventHub(slowReplayLog(rows), bus, { catchUpMs: 5 });
  await hub.start();
  const write = async (): Promise<void> => {
    for (let i = 0; i < 150; i++) {
      add();
      bus.notify();
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  return { rows, hub, write };
}

test('a subscriber whose replay is overtaken by the live reader still gets each event once, in order', async () => {
  const { rows, hub, write } = await hubUnderWrites();
  const got: number[][] = [[], [], []];
  const writer = write();
  for (const [k, after] of [0, 20, 49].entries()) {
    await hub.subscribe({ topics: new Set(['public']), send: (e) => void got[k]!.push(e.id), closed: false }, after);
  }
  await writer;
  const expected = (after: number) => rows.filter((r) => r.id > after && r.topic === 'public').map((r) => r.id);
  await expect.poll(() => got.map((g) => g.length)).toEqual([0, 20, 49].map((a) => expected(a).length));
  expect(got).toEqual([0, 20, 49].map(expected));
  hub.stop();
});

test('subscribers sharing a feed: the feed gets each event once, and each subscriber its events past its replay, once, in order', async () => {
  const { rows, hub, write } = await hubUnderWrites();
  const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 0 });
  const sockets = [0, 20, 49].map(() => fakeSocket());
  const slots = sockets.map((s) => outbox.slot(s.socket, new Set(['public'])));
  const fed: number[] = [];
  const feed = slots[0]!.feed;
  const push = feed.push.bind(feed);
  feed.push = (event) => {
    fed.push(event.id);
    push(event);
  };
  const writer = write();
  for (const [k, after] of [0, 20, 49].entries()) {
    await hub.subscribe({ topics: new Set(['public']), feed: slots[k]!, send: (e) => slots[k]!.push(e), closed: false }, after);
  }
  await writer;
  const expected = (after: number) => rows.filter((r) => r.id > after && r.topic === 'public').map((r) => r.id);
  await expect.poll(() => sockets.map((s) => writtenIds(s.writes).length)).toEqual([0, 20, 49].map((a) => expected(a).length));
  expect(sockets.map((s) => writtenIds(s.writes))).toEqual([0, 20, 49].map(expected));
  // Handed each live event once for the three, in id order.
  expect(fed).toEqual([...new Set(fed)].sort((a, b) => a - b));
  hub.stop();
});

/** A log in memory that counts the node reader's reads; `rows` is what the log holds. */
function countedLog(rows: EventEnvelope[]): { log: EventLog; reads: () => number } {
  let reads = 0;
  const fake = {
    lastId: () => Promise.resolve(0),
    read: (after: number, o: { topics: readonly string[] | null; limit: number }) => {
      if (!o.topics) reads++;
      return Promise.resolve(rows.filter((r) => r.id > after && (!o.topics || o.topics.includes(r.topic))).slice(0, o.limit));
    },
  };
  return { log: fake as unknown as EventLog, reads: () => reads };
}

test("the node's own commits go out without a read, in id order; one after an id the node has not seen waits for the reader", async () => {
  const rows: EventEnvelope[] = [];
  const event = (id: number): EventEnvelope => ({ id, topic: 'public', type: 'test.counted', data: { id }, at: 0 });
  const { log, reads } = countedLog(rows);
  const hub = new EventHub(log, new LocalEventBus(), { catchUpMs: 60_000 });
  await hub.start();
  const got: number[] = [];
  await hub.subscribe({ topics: new Set(['public']), send: (e) => void got.push(e.id), closed: false }, undefined);
  const commit = (...ids: number[]): boolean => {
    const events = ids.map(event);
    rows.push(...events);
    rows.sort((a, b) => a.id - b.id);
    return hub.committed(events);
  };

  expect(commit(1, 2)).toBe(true);
  expect(got).toEqual([1, 2]);
  // Two commits whose hooks ran in the other order: 4 waits for 3.
  expect(commit(4)).toBe(false);
  expect(got).toEqual([1, 2]);
  expect(commit(3)).toBe(true);
  expect(got).toEqual([1, 2, 3, 4]);
  expect(reads()).toBe(0);
  expect(hub.position).toBe(4);

  // 5 was written by another node: 6 waits until the reader has read 5 (and does not deliver 6 twice).
  rows.push(event(5));
  expect(commit(6)).toBe(false);
  expect(got).toEqual([1, 2, 3, 4]);
  hub.wake();
  await expect.poll(() => got).toEqual([1, 2, 3, 4, 5, 6]);
  // 7 is read by a reader that started before its commit hook ran: still once.
  rows.push(event(7));
  hub.wake();
  hub.committed([event(7)]);
  await expect.poll(() => reads()).toBeGreaterThanOrEqual(2);
  await new Promise((r) => setTimeout(r, 20));
  expect(got).toEqual([1, 2, 3, 4, 5, 6, 7]);
  hub.stop();
});
