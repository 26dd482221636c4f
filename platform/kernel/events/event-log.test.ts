import { expect, test } from 'vitest';
import { transaction, type Executor } from '../db/transaction';
import type { EventEnvelope } from '@shared/protocol/events';
import { EventLog } from './event-log';
import { openEventTestDb } from './test-support';

test('an event published inside a kernel transaction wakes readers at its commit, not before, and a rollback leaves neither event nor wake-up', async () => {
  const db = await openEventTestDb();
  let wakes = 0;
  const log = new EventLog(db, { now: () => 1, onPublished: () => void wakes++ });
  // The event tables are a slice of the platform's database: the kernel's transaction() runs on either.
  const kernelDb = db as unknown as Executor;
  try {
    await transaction(kernelDb, async (trx) => {
      await log.publish(trx, { topic: 'public', type: 'test.counted', data: { n: 1 } });
      // Not visible to other readers yet, so nobody is woken.
      expect(wakes).toBe(0);
    });
    // Woken as soon as the commit resolved: no timer is involved.
    expect(wakes).toBe(1);

    await expect(
      transaction(kernelDb, async (trx) => {
        await log.publish(trx, { topic: 'public', type: 'test.counted', data: { n: 2 } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wakes).toBe(1);
    expect((await log.read(0, { topics: null, limit: 10 })).map((e) => e.data)).toEqual([{ n: 1 }]);
  } finally {
    await db.destroy();
  }
});

test('publishAll writes its events in one go, in the order given, each with its own increasing id', async () => {
  const db = await openEventTestDb();
  let wakes = 0;
  const log = new EventLog(db, { now: () => 5, onPublished: () => void wakes++ });
  try {
    await log.publish(db, { topic: 'public', type: 'test.counted', data: { n: 0 } });
    const stored = await transaction(db as unknown as Executor, (trx) =>
      log.publishAll(trx, [
        { topic: 'user:st', type: 'gift.received', data: { n: 1 } },
        { topic: 'user:ana', type: 'gift.state', data: { n: 2 } },
        { topic: 'room:r1', type: 'room.gift', data: { n: 3 }, at: 9 },
      ]),
    );
    expect(stored.map((e) => [e.id, e.topic, e.at])).toEqual([
      [2, 'user:st', 5],
      [3, 'user:ana', 5],
      [4, 'room:r1', 9],
    ]);
    expect(await log.read(0, { topics: null, limit: 10 })).toEqual([{ id: 1, topic: 'public', type: 'test.counted', data: { n: 0 }, at: 5 }, ...stored]);
    expect(wakes).toBe(2);
    expect(await log.publishAll(db, [])).toEqual([]);
  } finally {
    await db.destroy();
  }
});

test('readers are handed the committed events as a read of the log gives them, or null when the commit cannot be seen', async () => {
  const db = await openEventTestDb();
  const handed: (readonly EventEnvelope[] | null)[] = [];
  const log = new EventLog(db, { now: () => 7, onPublished: (committed) => void handed.push(committed) });
  try {
    await transaction(db as unknown as Executor, (trx) =>
      log.publishAll(trx, [
        { topic: 'user:st', type: 'gift.received', data: { n: 1, gone: undefined, nested: { a: [1, 'b'] } } },
        { topic: 'room:r1', type: 'room.gift', data: { n: 2 }, at: 9 },
      ]),
    );
    await log.publish(db, { topic: 'public', type: 'test.counted', data: { n: 3 } });
    expect(handed).toEqual([await log.read(0, { topics: null, limit: 2 }), await log.read(2, { topics: null, limit: 10 })]);
    expect(JSON.stringify(handed[0])).toBe(JSON.stringify(await log.read(0, { topics: null, limit: 2 })));
    // A transaction opened without the kernel's transaction(): its commit is not seen, so readers are only woken (soon after).
    await db.transaction().execute((trx) => log.publish(trx, { topic: 'public', type: 'test.counted', data: { n: 4 } }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handed.slice(2)).toEqual([null]);
  } finally {
    await db.destroy();
  }
});
