import { afterEach, describe, expect, test } from 'vitest';
import { LocalEventBus } from '../../kernel/events/bus';
import { EventLog } from '../../kernel/events/event-log';
import { EventHub } from '../../kernel/events/hub';
import { openEventTestDb } from '../../kernel/events/test-support';
import { FeedCache, feedKey } from './feed-cache';

/** A page loader giving `body()` as JSON text, counting its loads. */
function counter(body: () => unknown = () => ({ videos: [] })) {
  const loader = {
    loads: 0,
    load: () => {
      loader.loads++;
      return Promise.resolve(JSON.stringify(body()));
    },
  };
  return loader;
}

describe('FeedCache', () => {
  test('serves the same JSON bytes while fresh and reads again after the maximum age', async () => {
    let time = 0;
    const cache = new FeedCache({ maxAgeMs: 1000, clock: () => time });
    let count = 1;
    const loader = counter(() => ({ count }));
    const first = await cache.page('a', loader.load);
    expect(String(first)).toBe('{"count":1}');
    count = 2;
    time = 999;
    expect(await cache.page('a', loader.load)).toBe(first); // the same bytes, not encoded again
    expect(loader.loads).toBe(1);
    time = 1000;
    expect(String(await cache.page('a', loader.load))).toBe('{"count":2}');
    expect(loader.loads).toBe(2);
  });

  test('requests that miss together share one read; different keys do not', async () => {
    const cache = new FeedCache();
    const loader = counter();
    const texts = await Promise.all([cache.page('a', loader.load), cache.page('a', loader.load), cache.page('b', loader.load)]);
    expect(texts.map(String)).toEqual(['{"videos":[]}', '{"videos":[]}', '{"videos":[]}']);
    expect(loader.loads).toBe(2);
  });

  test('a page read across an invalidation answers its own request but is not kept', async () => {
    const cache = new FeedCache();
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const stale = cache.page('a', async () => {
      await slow;
      return '{"version":"before"}';
    });
    cache.invalidate(); // a video committed while the read was under way
    release();
    expect(String(await stale)).toBe('{"version":"before"}');
    expect(cache.size).toBe(0);
    expect(String(await cache.page('a', () => Promise.resolve('{"version":"after"}')))).toBe('{"version":"after"}');
  });

  test('a failed read is not kept and the next request reads again', async () => {
    const cache = new FeedCache();
    await expect(cache.page('a', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(String(await cache.page('a', () => Promise.resolve('[1]')))).toBe('[1]');
  });

  test('keeps at most maxPages pages, dropping the oldest', async () => {
    const cache = new FeedCache({ maxPages: 2 });
    const loader = counter();
    for (const key of ['a', 'b', 'c']) await cache.page(key, loader.load);
    expect(cache.size).toBe(2);
    await cache.page('c', loader.load);
    await cache.page('b', loader.load);
    expect(loader.loads).toBe(3);
    await cache.page('a', loader.load);
    expect(loader.loads).toBe(4);
  });

  test('feedKey does not depend on the order of the query fields', () => {
    expect(feedKey({ limit: 20, cursor: 'x' })).toBe(feedKey({ cursor: 'x', limit: 20 }));
    expect(feedKey({ limit: 20 })).not.toBe(feedKey({ limit: 21 }));
    expect(feedKey({ limit: 20, cursor: undefined })).not.toBe(feedKey({ limit: 20, cursor: 'x' }));
  });
});

describe('FeedCache following the event log', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  test("a public video.created written by another node empties this node's pages; other events do not", async () => {
    // Two nodes over one database and one bus (Redis in production): A writes, B serves the feed.
    const db = await openEventTestDb();
    closers.push(() => db.destroy());
    const bus = new LocalEventBus();
    const logA = new EventLog(db, { now: () => 1, onPublished: () => bus.notify() });
    const hubB = new EventHub(new EventLog(db, { now: () => 1 }), bus, { catchUpMs: 60_000 });
    await hubB.start();
    closers.push(() => hubB.stop());
    const cacheB = new FeedCache();
    closers.push(await cacheB.follow(hubB));

    const loader = counter();
    await cacheB.page('a', loader.load);
    await db.transaction().execute((trx) => logA.publish(trx, { topic: 'public', type: 'anchor.triggered', data: { n: 1 } }));
    bus.notify();
    await db.transaction().execute((trx) => logA.publish(trx, { topic: 'user:u1', type: 'video.created', data: { n: 2 } }));
    bus.notify();
    await new Promise((r) => setTimeout(r, 50));
    expect(cacheB.size).toBe(1);

    await logA.publish(db, { topic: 'public', type: 'video.created', data: { videoId: 'vid_x' } });
    await expect.poll(() => cacheB.size, { timeout: 2000 }).toBe(0);
    await cacheB.page('a', loader.load);
    expect(loader.loads).toBe(2);
  });
});
