import { afterEach, describe, expect, test } from 'vitest';
import type { EventEnvelope } from '@shared/protocol/events';
import { SocketOutbox, textFrame } from './socket-outbox';
import { fakeSocket, frameTexts, startEventsTestServer, TestSocket, writtenIds, type EventsTestServer } from './test-support';

const event = (id: number, topic: string): EventEnvelope => ({ id, topic, type: 'test.counted', data: { n: id }, at: 0 });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const topics = (...t: string[]) => new Set(t);

// paceRatio 0: every write in the next tick, however long the last one took (no pacing but where a test asks for it).
describe('SocketOutbox', () => {
  test("a tick's events leave in one write per socket, each once, in order; the sockets of a feed share the bytes", async () => {
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 0 });
    const sockets = Array.from({ length: 3 }, fakeSocket);
    const slots = sockets.map((s) => outbox.slot(s.socket, topics('room:r1')));
    for (const slot of slots) slot.join(0);
    expect(new Set(slots.map((s) => s.feed)).size).toBe(1);
    const room = Array.from({ length: 40 }, (_, i) => event(i + 1, 'room:r1'));
    for (const e of room) slots[0]!.feed.push(e);
    await tick();
    for (const s of sockets) {
      expect(s.writes).toHaveLength(1);
      expect(writtenIds(s.writes)).toEqual(room.map((e) => e.id));
    }
    expect(sockets[1]!.writes[0]).toBe(sockets[0]!.writes[0]);
  });

  test('sockets share a feed exactly when their topics are the same, in any order', () => {
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 0 });
    const a = outbox.slot(fakeSocket().socket, topics('room:r1', 'user:ana'));
    const b = outbox.slot(fakeSocket().socket, topics('user:ana', 'room:r1'));
    const c = outbox.slot(fakeSocket().socket, topics('room:r1'));
    const d = outbox.slot(fakeSocket().socket, topics('room:r1', 'user:bob'));
    expect(a.feed).toBe(b.feed);
    expect(new Set([a.feed, c.feed, d.feed]).size).toBe(3);
  });

  test('a socket that joins with its replay gets the replay, then the feed past its cursor: each id once, in order', async () => {
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 0 });
    const early = fakeSocket();
    const late = fakeSocket();
    const e = outbox.slot(early.socket, topics('room:r1'));
    e.join(0);
    for (let id = 1; id <= 5; id++) e.feed.push(event(id, 'room:r1'));
    // Joins while 1..5 wait in the feed, having replayed 1..3 from the log (still queued too).
    const l = outbox.slot(late.socket, topics('room:r1'));
    for (let id = 1; id <= 3; id++) l.push(event(id, 'room:r1'));
    l.join(3);
    await tick();
    expect(writtenIds(early.writes)).toEqual([1, 2, 3, 4, 5]);
    expect(writtenIds(late.writes)).toEqual([1, 2, 3, 4, 5]);
    expect(late.writes).toHaveLength(1);
    l.feed.push(event(6, 'room:r1'));
    await tick();
    expect(writtenIds(late.writes)).toEqual([1, 2, 3, 4, 5, 6]);
    // A client ahead of the node (it knew ids the node had not fanned out yet) skips them.
    const ahead = fakeSocket();
    outbox.slot(ahead.socket, topics('room:r1')).join(8);
    for (let id = 7; id <= 9; id++) e.feed.push(event(id, 'room:r1'));
    await tick();
    expect(writtenIds(ahead.writes)).toEqual([9]);
  });

  test('a slow socket is cut off without holding back the others, and a dropped one gets nothing', async () => {
    const outbox = new SocketOutbox({ maxBufferedBytes: 1000, paceRatio: 0 });
    const sockets = Array.from({ length: 4 }, fakeSocket);
    const slots = sockets.map((s) => outbox.slot(s.socket, topics('room:r1')));
    for (const slot of slots) slot.join(0);
    sockets[1]!.state.bufferedAmount = 5000;
    slots[2]!.drop();
    slots[0]!.feed.push(event(1, 'room:r1'));
    await tick();
    expect(sockets.map((s) => writtenIds(s.writes))).toEqual([[1], [], [], [1]]);
    expect(sockets.map((s) => s.state.terminated)).toEqual([false, true, false, false]);
  });

  test("under a flood a room's fan-out is paced, while a socket's own event leaves at once, after what it had queued", async () => {
    // A huge pace ratio: after a fan-out, the next one waits the longest allowed (a minute here).
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 1e9, maxPaceMs: 60_000 });
    const streamer = fakeSocket();
    const viewer = fakeSocket();
    const s = outbox.slot(streamer.socket, topics('room:r1', 'user:st'));
    const v = outbox.slot(viewer.socket, topics('room:r1'));
    s.join(0);
    v.join(0);
    s.feed.push(event(1, 'room:r1'));
    v.feed.push(event(1, 'room:r1'));
    await tick();
    expect([writtenIds(streamer.writes), writtenIds(viewer.writes)]).toEqual([[1], [1]]);
    // Make the first fan-out seem to have taken a while, so the pace holds the next ones back.
    const crowd = Array.from({ length: 2000 }, () => outbox.slot(fakeSocket().socket, topics('room:r1', 'order:o1')));
    for (const slot of crowd) slot.join(0);
    crowd[0]!.feed.push(event(2, 'room:r1'));
    outbox.flushAll();
    s.feed.push(event(3, 'room:r1'));
    v.feed.push(event(3, 'room:r1'));
    await tick();
    expect([writtenIds(streamer.writes), writtenIds(viewer.writes)]).toEqual([[1], [1]]);
    s.feed.push(event(4, 'user:st'));
    expect(writtenIds(streamer.writes)).toEqual([1, 3, 4]);
    expect(writtenIds(viewer.writes)).toEqual([1]);
    outbox.flushAll();
    expect(writtenIds(viewer.writes)).toEqual([1, 3]);
    expect(writtenIds(streamer.writes)).toEqual([1, 3, 4]);
  });

  test('with a least pace, a room event right after a fan-out waits for the next one (one write for several), one after a quiet spell leaves at once', async () => {
    // However fast a fan-out, the next waits the least pace (a minute here: only flushAll ends it).
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 0, minPaceMs: 60_000 });
    const viewers = Array.from({ length: 3 }, fakeSocket);
    const slots = viewers.map((v) => outbox.slot(v.socket, topics('room:r1')));
    for (const slot of slots) slot.join(0);
    const own = fakeSocket();
    const mine = outbox.slot(own.socket, topics('room:r1', 'user:ana'));
    mine.join(0);
    // The first event after a quiet spell: out in the next tick.
    slots[0]!.feed.push(event(1, 'room:r1'));
    mine.feed.push(event(1, 'room:r1'));
    await tick();
    expect(viewers.map((v) => writtenIds(v.writes))).toEqual([[1], [1], [1]]);
    for (let id = 2; id <= 6; id++) {
      slots[0]!.feed.push(event(id, 'room:r1'));
      mine.feed.push(event(id, 'room:r1'));
      await tick();
    }
    expect(viewers.map((v) => v.writes.length)).toEqual([1, 1, 1]);
    // A socket's own event does not wait, and takes its room's queued events along, in order.
    mine.feed.push(event(7, 'user:ana'));
    expect(writtenIds(own.writes)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    outbox.flushAll();
    for (const v of viewers) {
      expect(v.writes).toHaveLength(2);
      expect(writtenIds(v.writes)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(writtenIds(own.writes)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test('frames of every length class are valid WebSocket frames', () => {
    for (const length of [0, 125, 126, 65_535, 65_536, 200_000]) {
      const text = 'x'.repeat(length);
      expect(frameTexts(textFrame(Buffer.from(text)))).toEqual([text]);
    }
  });
});

describe('through real sockets', () => {
  let server: EventsTestServer;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await server.close();
  });

  test('a burst to a room and a user reaches every socket once, in id order, with large events intact', async () => {
    server = await startEventsTestServer({ socketsPerAccount: 50 });
    server.events.topics.allow('room', () => true);
    for (let k = 0; k < 20; k++) {
      const s = new TestSocket(server.url, { headers: { authorization: 'Bearer token-ana' } });
      sockets.push(s);
      await s.opened;
      s.send({ type: 'subscribe', topics: k % 2 ? ['room:r1'] : ['room:r1', 'user:ana'] });
    }
    await expect.poll(() => sockets.every((s) => s.messages.some((m) => m.type === 'subscribed'))).toBe(true);
    const published: { id: number; topic: string }[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const topic = i % 5 ? 'room:r1' : 'user:ana';
        const e = await server.events.log.publish(server.db, { topic, type: 'test.counted', data: { n: i, pad: 'p'.repeat(i % 7 === 0 ? 70_000 : i) } });
        published.push({ id: e.id, topic });
      }),
    );
    const want = (k: number) =>
      published
        .filter((p) => p.topic === 'room:r1' || k % 2 === 0)
        .map((p) => p.id)
        .sort((a, b) => a - b);
    for (const [k, s] of sockets.entries()) {
      await expect.poll(() => s.events.length, { timeout: 10_000 }).toBe(want(k).length);
      expect(s.events.map((e) => e.id)).toEqual(want(k));
    }
  });
});
