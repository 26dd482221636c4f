import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { EventEnvelope, ServerMessage } from '@shared/protocol/events';
import type { Conversation, Message, MessagePage } from '@shared/protocol/messages';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';

type Actor = 'anonymous' | 'ana' | 'ben' | 'chi';
const ACTORS: readonly Actor[] = ['anonymous', 'ana', 'ben', 'chi'];

describe('messages routes', () => {
  let p: TestPlatform;
  const tokens: Record<Actor, string | null> = { anonymous: null, ana: null, ben: null, chi: null };
  let conversation: Conversation;
  let first: Message;
  let keyN = 0;
  const key = (): string => `msgkey-${process.pid}-${++keyN}`;

  const call = (actor: Actor, request: InjectOptions) => {
    const token = tokens[actor];
    return p.app.inject({ ...request, headers: { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };

  beforeAll(async () => {
    p = await createTestPlatform();
    tokens.ana = (await p.register('ana_m')).token;
    tokens.ben = (await p.register('ben_m')).token;
    tokens.chi = (await p.register('chi_m')).token;
    const opened = await call('ana', { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ben_m' } });
    expect(opened.statusCode, opened.body).toBe(200);
    conversation = opened.json<Conversation>();
    const sent = await call('ana', { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'Hello Ben', idempotencyKey: key() } });
    expect(sent.statusCode, sent.body).toBe(201);
    first = sent.json<Message>();
  });
  afterAll(() => p.close());

  test('POST /conversations is idempotent from either side; the caller sees the other participant', async () => {
    const again = await call('ana', { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'BEN_M' } });
    const fromBen = await call('ben', { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ana_m' } });
    expect(again.json<Conversation>().id).toBe(conversation.id);
    expect(fromBen.json<Conversation>()).toMatchObject({ id: conversation.id, with: { handle: 'ana_m' } });
    expect(conversation.with).toMatchObject({ handle: 'ben_m', displayName: 'ben_m' });
    expect((await call('ana', { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ana_m' } })).statusCode).toBe(400);
    expect((await call('ana', { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'nobody_at_all' } })).statusCode).toBe(404);
  });

  // Only the two participants read or write a conversation; an outsider gets 404 (its existence is not theirs to know); anonymous 401.
  const matrix: { name: string; request: () => InjectOptions; expect: Record<Actor, number> }[] = [
    { name: 'GET /conversations', request: () => ({ method: 'GET', url: '/api/v1/conversations' }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
    { name: 'GET /conversations/unread-count', request: () => ({ method: 'GET', url: '/api/v1/conversations/unread-count' }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
    { name: 'POST /conversations', request: () => ({ method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ben_m' } }), expect: { anonymous: 401, ana: 200, ben: 400, chi: 200 } },
    { name: 'GET /conversations/:id', request: () => ({ method: 'GET', url: `/api/v1/conversations/${conversation.id}` }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 404 } },
    { name: 'GET /conversations/:id/messages', request: () => ({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/messages` }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 404 } },
    {
      name: 'POST /conversations/:id/messages',
      request: () => ({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'matrix', idempotencyKey: key() } }),
      expect: { anonymous: 401, ana: 201, ben: 201, chi: 404 },
    },
    {
      name: 'POST /conversations/:id/read',
      request: () => ({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/read`, payload: { upToMessageId: first.id } }),
      expect: { anonymous: 401, ana: 200, ben: 200, chi: 404 },
    },
    { name: 'GET /blocks', request: () => ({ method: 'GET', url: '/api/v1/blocks' }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
    { name: 'GET /notifications', request: () => ({ method: 'GET', url: '/api/v1/notifications' }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
    { name: 'GET /notifications/unread-count', request: () => ({ method: 'GET', url: '/api/v1/notifications/unread-count' }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
    { name: 'POST /notifications/read', request: () => ({ method: 'POST', url: '/api/v1/notifications/read', payload: { all: true } }), expect: { anonymous: 401, ana: 200, ben: 200, chi: 200 } },
  ];
  for (const row of matrix) {
    test(`${row.name}: ${ACTORS.map((a) => `${a} → ${row.expect[a]}`).join(', ')}`, async () => {
      for (const actor of ACTORS) {
        const res = await call(actor, row.request());
        expect(res.statusCode, `${actor}: ${res.body}`).toBe(row.expect[actor]);
        if (res.statusCode >= 400) expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
    });
  }

  test('an outsider’s own conversation list never shows someone else’s conversation', async () => {
    const list = (await call('chi', { method: 'GET', url: '/api/v1/conversations' })).json<{ conversations: Conversation[] }>();
    expect(list.conversations.map((c) => c.id)).not.toContain(conversation.id);
  });

  test('text is 1–2,000 characters of plain text; bad bodies are 400 with a message', async () => {
    const send = (payload: object) => call('ana', { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload });
    expect((await send({ text: '', idempotencyKey: key() })).statusCode).toBe(400);
    expect((await send({ text: '   \n ', idempotencyKey: key() })).statusCode).toBe(400);
    const tooLong = await send({ text: 'a'.repeat(2001), idempotencyKey: key() });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('2000') } });
    expect((await send({ text: 'a'.repeat(2000), idempotencyKey: key() })).statusCode).toBe(201);
    expect((await send({ text: 'no key' })).statusCode).toBe(400);
    expect((await send({ text: 'bell\u0007', idempotencyKey: key() })).statusCode).toBe(400);
    const html = await send({ text: '<b>bold</b>', idempotencyKey: key() });
    expect(html.json<Message>().text).toBe('<b>bold</b>');
    expect(String(html.headers['content-type'])).toMatch(/^application\/json/);
  });

  test('a retried send answers 200 with the first message; another text under the key → 409', async () => {
    const k = key();
    const a = await call('ben', { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'once', idempotencyKey: k } });
    const b = await call('ben', { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'once', idempotencyKey: k } });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json<Message>().id).toBe(a.json<Message>().id);
    const c = await call('ben', { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'twice', idempotencyKey: k } });
    expect(c.statusCode).toBe(409);
  });
});

describe('unread counts and blocks over HTTP', () => {
  let p: TestPlatform;
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    p = await createTestPlatform();
    ana = (await p.register('ana_u')).token;
    ben = (await p.register('ben_u')).token;
  });
  afterAll(() => p.close());
  const as = (token: string, request: InjectOptions) => p.app.inject({ ...request, headers: { authorization: `Bearer ${token}` } });

  test('25 concurrent sends: the recipient’s unread count is 25 in the list and the total; reading up to the newest → 0', async () => {
    const conversation = (await as(ana, { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ben_u' } })).json<Conversation>();
    const sends = await Promise.all(
      Array.from({ length: 25 }, (_, i) => as(ana, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: `m${i}`, idempotencyKey: `conc-${i}-xxxx` } })),
    );
    expect(sends.map((s) => s.statusCode)).toEqual(Array(25).fill(201));
    const list = (await as(ben, { method: 'GET', url: '/api/v1/conversations' })).json<{ conversations: Conversation[] }>();
    expect(list.conversations).toHaveLength(1);
    expect(list.conversations[0]).toMatchObject({ id: conversation.id, unreadCount: 25, with: { handle: 'ana_u' } });
    expect((await as(ben, { method: 'GET', url: '/api/v1/conversations/unread-count' })).json()).toEqual({ unreadCount: 25 });
    expect((await as(ana, { method: 'GET', url: '/api/v1/conversations/unread-count' })).json()).toEqual({ unreadCount: 0 });
    const page = (await as(ben, { method: 'GET', url: `/api/v1/conversations/${conversation.id}/messages?limit=10` })).json<MessagePage>();
    expect(page.messages).toHaveLength(10);
    expect(list.conversations[0]!.lastMessage?.id).toBe(page.messages[0]!.id);
    const tenth = page.messages.at(-1)!;
    expect((await as(ben, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/read`, payload: { upToMessageId: tenth.id } })).json()).toEqual({ unreadCount: 9 }); // the 9 newer than the tenth newest
    expect((await as(ben, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/read`, payload: { upToMessageId: page.messages[0]!.id } })).json()).toEqual({ unreadCount: 0 });
    expect((await as(ben, { method: 'GET', url: '/api/v1/conversations/unread-count' })).json()).toEqual({ unreadCount: 0 });
  });

  test('POST /blocks stops the blocked account’s messages (403 blocked); DELETE /blocks/:handle lets them through again', async () => {
    const conversation = (await as(ben, { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ana_u' } })).json<Conversation>();
    expect((await as(ben, { method: 'POST', url: '/api/v1/blocks', payload: { handle: 'ana_u' } })).statusCode).toBe(204);
    expect((await as(ben, { method: 'POST', url: '/api/v1/blocks', payload: { handle: 'ana_u' } })).statusCode).toBe(204);
    const refused = await as(ana, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'hi', idempotencyKey: 'blocked-1-xxxx' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'blocked' } });
    expect((await as(ben, { method: 'GET', url: '/api/v1/blocks' })).json()).toMatchObject({ blocked: [{ handle: 'ana_u' }] });
    expect((await as(ben, { method: 'DELETE', url: '/api/v1/blocks/ana_u' })).statusCode).toBe(204);
    expect((await as(ana, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'hi', idempotencyKey: 'blocked-2-xxxx' } })).statusCode).toBe(201);
    expect((await as(ben, { method: 'DELETE', url: '/api/v1/blocks/nobody_at_all' })).statusCode).toBe(404);
  });
});

describe('per-sender rate limit over HTTP', () => {
  test('the 31st message within a minute is 429 rate_limited; a minute later it goes', async () => {
    const p = await createTestPlatform();
    try {
      const ana = (await p.register('ana_r')).token;
      await p.register('ben_r');
      const as = (request: InjectOptions) => p.app.inject({ ...request, headers: { authorization: `Bearer ${ana}` } });
      const conversation = (await as({ method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ben_r' } })).json<Conversation>();
      const send = (i: number) => as({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: `m${i}`, idempotencyKey: `rate-${i}-xxxx` } });
      for (let i = 0; i < 30; i++) expect((await send(i)).statusCode).toBe(201);
      const limited = await send(30);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
      p.clock.advance(60_001);
      expect((await send(30)).statusCode).toBe(201);
    } finally {
      await p.close();
    }
  });
});

describe('live over the events socket', () => {
  test('the recipient hears message.created on user:<id> as it is sent, with the unread count; others cannot subscribe to it', async () => {
    const p = await createTestPlatform();
    try {
      const ana = await p.register('ana_l');
      const ben = await p.register('ben_l');
      const base = (await p.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
      const listen = (token: string, topic: string) => {
        const received: ServerMessage[] = [];
        const socket = new WebSocket(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
        socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
        socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] })));
        return { received, socket };
      };
      const benSocket = listen(ben.token, `user:${ben.user.id}`);
      const snoop = listen(ana.token, `user:${ben.user.id}`);
      await expect.poll(() => benSocket.received.some((m) => m.type === 'subscribed'), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => snoop.received.find((m) => m.type === 'error' || m.type === 'subscribed'), { timeout: 15_000 }).toMatchObject({ type: 'error', code: 'forbidden' });
      const as = (token: string, request: InjectOptions) => p.app.inject({ ...request, headers: { authorization: `Bearer ${token}` } });
      const conversation = (await as(ana.token, { method: 'POST', url: '/api/v1/conversations', payload: { withHandle: 'ben_l' } })).json<Conversation>();
      const sent = (await as(ana.token, { method: 'POST', url: `/api/v1/conversations/${conversation.id}/messages`, payload: { text: 'live hello', idempotencyKey: 'live-1-xxxx' } })).json<Message>();
      const events = () => benSocket.received.filter((m): m is EventEnvelope => 'id' in m);
      await expect.poll(() => events().length, { timeout: 15_000 }).toBe(1);
      expect(events()[0]).toMatchObject({ topic: `user:${ben.user.id}`, type: 'message.created', data: { conversationId: conversation.id, message: sent, unreadCount: 1 } });
      benSocket.socket.close();
      snoop.socket.close();
    } finally {
      await p.close();
    }
  });
});
