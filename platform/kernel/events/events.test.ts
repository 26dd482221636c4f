import { afterEach, describe, expect, test } from 'vitest';
import { transaction, type Executor } from '../db/transaction';
import { startEventsTestServer, TestSocket, type EventsTestServer } from './test-support';

let server: EventsTestServer;
const sockets: TestSocket[] = [];
const open = async (headers: Record<string, string> = {}, options = {}): Promise<TestSocket> => {
  const s = new TestSocket(server.url, { headers, ...options });
  sockets.push(s);
  await s.opened;
  return s;
};
const publish = (topic: string, n: number) => server.events.log.publish(server.db, { topic, type: 'test.counted', data: { n } });
const ids = (s: TestSocket) => s.events.map((e) => e.id);

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server.close();
});

describe('replay then live', () => {
  test('after an id: the missed events of the topics asked for, then live ones, each once, in id order', async () => {
    server = await startEventsTestServer();
    for (let i = 1; i <= 5; i++) await publish(i % 2 ? 'public' : 'user:ana', i);
    const s = await open({ authorization: 'Bearer token-ana' });
    s.send({ type: 'subscribe', topics: ['public', 'user:ana'], after: 2 });
    await expect.poll(() => ids(s)).toEqual([3, 4, 5]);
    await publish('public', 6);
    await publish('user:ben', 7);
    await publish('user:ana', 8);
    await expect.poll(() => ids(s)).toEqual([3, 4, 5, 6, 8]);
    expect(s.messages.slice(0, 2)).toEqual([
      { type: 'ready', userId: 'ana' },
      { type: 'subscribed', topics: ['public', 'user:ana'], after: 2 },
    ]);
    expect(s.events[0]).toEqual({ id: 3, topic: 'public', type: 'test.counted', data: { n: 3 }, at: server.clock.now() });
  });

  test('events published while subscribers replay reach each exactly once, in order', async () => {
    server = await startEventsTestServer();
    for (let i = 1; i <= 300; i++) await publish('public', i);
    const subscribers: TestSocket[] = [];
    const writing = (async () => {
      for (let i = 301; i <= 1000; i++) {
        await publish('public', i);
        // Subscribers join at different points of the stream, some mid-replay of others.
        if (i % 100 === 0) {
          const s = await open();
          s.send({ type: 'subscribe', topics: ['public'], after: i % 200 === 0 ? 0 : i - 150 });
          subscribers.push(s);
        }
      }
    })();
    await writing;
    const expected = (s: TestSocket, from: number) => Array.from({ length: 1000 - from }, (_, i) => from + i + 1);
    for (const [k, s] of subscribers.entries()) {
      const at = (k + 4) * 100;
      const from = at % 200 === 0 ? 0 : at - 150;
      await expect.poll(() => ids(s).length, { timeout: 10_000 }).toBe(1000 - from);
      expect(ids(s)).toEqual(expected(s, from));
    }
  });

  test('without after: only events from now on', async () => {
    server = await startEventsTestServer();
    await publish('public', 1);
    const s = await open();
    s.send({ type: 'subscribe', topics: ['public'] });
    await expect.poll(() => s.messages.find((m) => m.type === 'subscribed')).toEqual({ type: 'subscribed', topics: ['public'], after: 1 });
    await publish('public', 2);
    await expect.poll(() => ids(s)).toEqual([2]);
  });
});

describe("the node's own commits", () => {
  test('reach its sockets at commit even while its reads of the log are held up (a busy PostgreSQL pool), once each, in order', async () => {
    server = await startEventsTestServer();
    const s = await open({ authorization: 'Bearer token-ana' });
    s.send({ type: 'subscribe', topics: ['public', 'user:ana'], after: 0 });
    await expect.poll(() => s.messages.at(-1)?.type).toBe('subscribed');
    // From now on the node's reader waits for a connection that never comes.
    const read = server.events.log.read.bind(server.events.log);
    server.events.log.read = (after, options) => (options.topics ? read(after, options) : new Promise(() => undefined));
    await transaction(server.db as unknown as Executor, (trx) =>
      server.events.log.publishAll(trx, [
        { topic: 'user:ana', type: 'test.counted', data: { n: 1 } },
        { topic: 'public', type: 'test.counted', data: { n: 2 } },
      ]),
    );
    await publish('public', 3);
    await expect.poll(() => ids(s)).toEqual([1, 2, 3]);
  });
});

describe('authorization', () => {
  test('a user reads only their own user topic; hello signs a socket in', async () => {
    server = await startEventsTestServer();
    const anonymous = await open();
    anonymous.send({ type: 'subscribe', topics: ['user:ana'] });
    expect(await anonymous.closed).toEqual({ code: 1008, reason: 'forbidden' });
    const ben = await open({ authorization: 'Bearer token-ben' });
    ben.send({ type: 'subscribe', topics: ['public', 'user:ana'] });
    expect((await ben.closed).reason).toBe('forbidden');
    const browser = await open();
    browser.send({ type: 'hello', token: 'token-ana' });
    browser.send({ type: 'subscribe', topics: ['user:ana'], after: 0 });
    await publish('user:ana', 1);
    await expect.poll(() => ids(browser)).toEqual([1]);
    expect(browser.messages[1]).toEqual({ type: 'ready', userId: 'ana' });
    const badHello = await open();
    badHello.send({ type: 'hello', token: 'nope' });
    expect((await badHello.closed).reason).toBe('unauthorized');
  });

  test('room and order topics need a rule from their feature', async () => {
    server = await startEventsTestServer();
    const s = await open({ authorization: 'Bearer token-ana' });
    s.send({ type: 'subscribe', topics: ['room:r1'] });
    expect((await s.closed).reason).toBe('forbidden');
    server.events.topics.allow('room', (id) => id === 'r1');
    const t = await open({ authorization: 'Bearer token-ana' });
    t.send({ type: 'subscribe', topics: ['room:r1'] });
    await expect.poll(() => t.messages.at(-1)?.type).toBe('subscribed');
  });
});

describe('limits', () => {
  test('frames over a few KiB are refused by the socket (1009)', async () => {
    server = await startEventsTestServer();
    const s = await open();
    s.socket.send('x'.repeat(64 * 1024));
    expect((await s.closed).code).toBe(1009);
  });

  test('sockets per address and per account are capped; idle sockets that never subscribe are closed', async () => {
    server = await startEventsTestServer({ socketsPerIp: 3, socketsPerAccount: 1, subscribeWithinMs: 300 });
    await open({ authorization: 'Bearer token-ana' });
    await expect(open({ authorization: 'Bearer token-ana' })).rejects.toThrow('HTTP 429');
    await open();
    await open();
    await expect(open()).rejects.toThrow('HTTP 429');
    const idle = sockets[2]!;
    expect((await idle.closed).reason).toBe('subscribe_timeout');
    // A closed socket frees its place.
    await expect
      .poll(async () =>
        open().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
  });

  test('a client that stops answering pings is dropped', async () => {
    server = await startEventsTestServer({ heartbeatMs: 100 });
    const s = await open({}, { autoPong: false });
    s.send({ type: 'subscribe', topics: ['public'] });
    expect((await s.closed).code).toBe(1006);
    const ok = await open();
    ok.send({ type: 'subscribe', topics: ['public'] });
    await new Promise((r) => setTimeout(r, 400));
    expect(ok.socket.readyState).toBe(ok.socket.OPEN);
  });

  test('after older than retention → resync_required', async () => {
    server = await startEventsTestServer({}, 7 * 24 * 3600 * 1000);
    await publish('public', 1);
    await publish('public', 2);
    server.clock.advance(8 * 24 * 3600 * 1000);
    await publish('public', 3);
    await server.events.log.prune();
    const s = await open();
    s.send({ type: 'subscribe', topics: ['public'], after: 1 });
    await expect.poll(() => s.messages.at(-1)).toEqual({ type: 'resync_required' });
    const t = await open();
    t.send({ type: 'subscribe', topics: ['public'], after: 2 });
    await expect.poll(() => ids(t)).toEqual([3]);
    const u = await open();
    u.send({ type: 'subscribe', topics: ['public'], after: 99 });
    await expect.poll(() => u.messages.at(-1)).toEqual({ type: 'resync_required' });
  });
});
