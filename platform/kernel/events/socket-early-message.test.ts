import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { expect, test } from 'vitest';
import { EVENTS_MAX_FRAME_BYTES } from '@shared/protocol/events';
import type { SessionResolver } from '../http/auth';
import { startEventSystem } from './event-system';
import { eventsSocket } from './socket-route';
import { fakeSessions, openEventTestDb, TestSocket } from './test-support';

test('a subscribe sent right on open, while the session is still being looked up, is handled (not dropped)', async () => {
  const db = await openEventTestDb();
  const events = await startEventSystem({ db, now: () => Date.UTC(2026, 11, 1), catchUpMs: 200 });
  // A session lookup that takes a while, as a database under load does.
  const slow: SessionResolver = { resolve: async (header) => (await new Promise((r) => setTimeout(r, 300)), fakeSessions.resolve(header)) };
  const app = Fastify();
  await app.register(websocket, { options: { maxPayload: EVENTS_MAX_FRAME_BYTES } });
  await app.register(eventsSocket, { hub: events.hub, log: events.log, auth: slow, topics: events.topics });
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws') + '/api/v1/events';
  const socket = new TestSocket(url, { headers: { authorization: 'Bearer token-ana' } });
  try {
    socket.socket.once('open', () => socket.send({ type: 'subscribe', topics: ['public', 'user:ana'] }));
    await socket.opened;
    await expect.poll(() => socket.messages.map((m) => m.type), { timeout: 5000 }).toEqual(['ready', 'subscribed']);
    await events.log.publish(db, { topic: 'user:ana', type: 'test.early', data: {} });
    await expect.poll(() => socket.events.map((e) => e.type), { timeout: 5000 }).toEqual(['test.early']);
  } finally {
    socket.close();
    await app.close();
    await events.close();
    await db.destroy();
  }
});
