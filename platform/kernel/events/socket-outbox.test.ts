import { afterEach, describe, expect, test } from 'vitest';
import type { WebSocket } from 'ws';
import type { EventEnvelope } from '@shared/protocol/events';
import { SocketOutbox, textFrame } from './socket-outbox';
import { startEventsTestServer, TestSocket, type EventsTestServer } from './test-support';

/** A stand-in for a ws socket whose underlying net socket records each write. */
function fakeSocket(): { socket: WebSocket; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, extensions: '', _socket: { write: (b: Buffer) => void writes.push(b) } };
  return { socket: socket as unknown as WebSocket, writes };
}

/** Splits server frames (FIN text frames, unmasked) back into their texts. */
function texts(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at < bytes.length;) {
    expect(bytes[at]).toBe(0x81);
    let length = bytes[at + 1]!;
    let head = 2;
    if (length === 126) [length, head] = [bytes.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, head] = [bytes.readUInt32BE(at + 6), 10];
    out.push(bytes.subarray(at + head, at + head + length).toString('utf8'));
    at += head + length;
  }
  return out;
}

const event = (id: number, topic: string): EventEnvelope => ({ id, topic, type: 'test.counted', data: { n: id }, at: 0 });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const idsOf = (writes: Buffer[]) => writes.flatMap((w) => texts(w).map((t) => (JSON.parse(t) as EventEnvelope).id));

describe('SocketOutbox', () => {
  test("a tick's events leave in one write per socket, each once, in order; sockets with the same events share the bytes", async () => {
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20 });
    const sockets = Array.from({ length: 3 }, fakeSocket);
    const slots = sockets.map((s) => outbox.slot(s.socket, 'room:r1'));
    const room = Array.from({ length: 40 }, (_, i) => event(i + 1, 'room:r1'));
    for (const e of room) for (const slot of slots) slot.push(e);
    await tick();
    for (const s of sockets) {
      expect(s.writes).toHaveLength(1);
      expect(idsOf(s.writes)).toEqual(room.map((e) => e.id));
    }
    expect(sockets[1]!.writes[0]).toBe(sockets[0]!.writes[0]);
  });

  test("under a flood a room's fan-out is paced, while a socket's own event leaves at once, after what it had queued", async () => {
    // A huge pace ratio: after a fan-out, the next one waits the longest allowed (a minute here).
    const outbox = new SocketOutbox({ maxBufferedBytes: 1 << 20, paceRatio: 1e9, maxPaceMs: 60_000 });
    const streamer = fakeSocket();
    const viewer = fakeSocket();
    const s = outbox.slot(streamer.socket, 'room:r1 user:st');
    const v = outbox.slot(viewer.socket, 'room:r1');
    s.push(event(1, 'room:r1'));
    v.push(event(1, 'room:r1'));
    await tick();
    expect([idsOf(streamer.writes), idsOf(viewer.writes)]).toEqual([[1], [1]]);
    // Make the first fan-out seem to have taken a while, so the pace holds the next ones back.
    for (let i = 0; i < 2000; i++) outbox.slot(fakeSocket().socket, 'room:r1').push(event(2, 'room:r1'));
    outbox.flushAll();
    s.push(event(3, 'room:r1'));
    v.push(event(3, 'room:r1'));
    await tick();
    expect([idsOf(streamer.writes), idsOf(viewer.writes)]).toEqual([[1], [1]]);
    s.push(event(4, 'user:st'));
    expect(idsOf(streamer.writes)).toEqual([1, 3, 4]);
    expect(idsOf(viewer.writes)).toEqual([1]);
    outbox.flushAll();
    expect(idsOf(viewer.writes)).toEqual([1, 3]);
    expect(idsOf(streamer.writes)).toEqual([1, 3, 4]);
  });

  test('frames of every length class are valid WebSocket frames', () => {
    for (const length of [0, 125, 126, 65_535, 65_536, 200_000]) {
      const text = 'x'.repeat(length);
      expect(texts(textFrame(Buffer.from(text)))).toEqual([text]);
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
