import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../kernel/http/api-error';
import { openMessagingTestDb, type MessagingTestDb } from './test-support';

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('MessagesService (the interface other features call)', () => {
  let t: MessagingTestDb;
  let ana: string;
  let ben: string;
  beforeEach(async () => {
    t = await openMessagingTestDb();
    ana = await t.user('ana');
    ben = await t.user('ben');
  });
  afterEach(() => t.close());

  test('conversationBetween is one conversation per pair, whichever side asks, also when asked at once', async () => {
    const [first, ...racing] = await Promise.all([
      t.db.transaction().execute((trx) => t.messages.conversationBetween(trx, ana, ben)),
      ...Array.from({ length: 5 }, (_, i) => t.db.transaction().execute((trx) => t.messages.conversationBetween(trx, i % 2 ? ana : ben, i % 2 ? ben : ana))),
    ]);
    for (const other of racing) expect(other.id).toBe(first!.id);
    expect([...first!.participants].sort()).toEqual([ana, ben].sort());
    const rows = await t.db
      .selectFrom('conversations' as never)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(1);
    const members = await t.db
      .selectFrom('conversation_members' as never)
      .selectAll()
      .execute();
    expect(members).toHaveLength(2);
    expect(await refusal(t.db.transaction().execute((trx) => t.messages.conversationBetween(trx, ana, ana)))).toBe('bad_request');
  });

  test('postSystemMessage writes the message with its guide actions and publishes to both user topics', async () => {
    const message = await t.db.transaction().execute((trx) =>
      t.messages.postSystemMessage(trx, {
        from: ana,
        to: ben,
        said: { key: 'orderRequested', params: { requester: 'ana', occasion: 'Birthday', who: 'Zhang' } },
        actions: [{ kind: 'order', id: 'ord_123' }],
      }),
    );
    // The English in `text` and the guide label, the key and its parameters as given for clients to say in their language.
    expect(message).toMatchObject({
      kind: 'system',
      senderId: ana,
      text: 'New request from @ana: birthday video for Zhang',
      textKey: { key: 'orderRequested', params: { requester: 'ana', occasion: 'Birthday', who: 'Zhang' } },
      actions: [{ kind: 'order', id: 'ord_123', label: 'Details' }],
    });
    const page = await t.messages.messages(ben, message.conversationId, { limit: 10 });
    expect(page?.messages).toEqual([message]);
    const benEvents = await t.eventsOf(ben);
    expect(benEvents).toEqual([{ type: 'message.created', data: { conversationId: message.conversationId, message, unreadCount: 1 } }]);
    const anaEvents = await t.eventsOf(ana);
    expect(anaEvents).toEqual([{ type: 'message.created', data: { conversationId: message.conversationId, message, unreadCount: 0 } }]);
    // The recipient sees it unread in the list.
    const list = await t.messages.list(ben, { limit: 10 });
    expect(list.conversations).toMatchObject([{ id: message.conversationId, with: { handle: 'ana', displayName: 'ANA' }, lastMessage: message, unreadCount: 1 }]);
  });

  test('a caller whose transaction rolls back leaves no message, no conversation and no event', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await t.messages.postSystemMessage(trx, { from: ana, to: ben, said: { key: 'orderAccepted', params: {} }, actions: [] });
        throw new Error('the order change failed');
      }),
    ).rejects.toThrow('the order change failed');
    expect(
      await t.db
        .selectFrom('messages' as never)
        .selectAll()
        .execute(),
    ).toEqual([]);
    expect(
      await t.db
        .selectFrom('conversations' as never)
        .selectAll()
        .execute(),
    ).toEqual([]);
    expect(await t.eventsOf(ben)).toEqual([]);
  });

  test('postSystemMessage validates its input and dedupes by an optional key', async () => {
    const post = (input: Partial<Parameters<typeof t.messages.postSystemMessage>[1]>) =>
      t.db.transaction().execute((trx) => t.messages.postSystemMessage(trx, { from: ana, to: ben, said: { key: 'orderDelivered', params: {} }, actions: [], ...input }));
    await expect(post({ said: { key: 'noSuchSentence' as never, params: {} } })).rejects.toThrow(/platform text key/);
    await expect(post({ said: { key: 'orderCancelledWithText', params: { reason: 'cancelled_by_creator', text: 'x'.repeat(1990) } } })).rejects.toThrow(/at most 2000/);
    await expect(post({ actions: [{ kind: 'order', id: 'has space' }] })).rejects.toThrow(/action id/);
    await expect(post({ actions: Array.from({ length: 5 }, (_, i) => ({ kind: 'gift' as const, id: `g${i}` })) })).rejects.toThrow();
    const first = await post({ idempotencyKey: 'gift:g1:sent' });
    const again = await post({ idempotencyKey: 'gift:g1:sent' });
    expect(again.id).toBe(first.id);
    expect(
      await t.db
        .selectFrom('messages' as never)
        .selectAll()
        .execute(),
    ).toHaveLength(1);
  });

  test('2,000 characters (code points) are accepted; text is stored as given, never interpreted', async () => {
    const { id } = await t.messages.open(ana, 'ben');
    const emoji = '😀'.repeat(2000); // 4,000 UTF-16 units, 2,000 characters
    const sent = await t.messages.send(ana, id, { text: emoji, idempotencyKey: 'k-emoji-1' });
    expect(sent.message.text).toBe(emoji);
    const html = await t.messages.send(ana, id, { text: '<img src=x onerror=alert(1)>', idempotencyKey: 'k-html-1' });
    expect(html.message.text).toBe('<img src=x onerror=alert(1)>');
    await expect(t.messages.send(ana, id, { text: 'a\u0000b', idempotencyKey: 'k-nul-1' })).rejects.toThrow(/control characters/);
  });
});

describe('sends, read marks and unread counts', () => {
  let t: MessagingTestDb;
  let ana: string;
  let ben: string;
  beforeEach(async () => {
    t = await openMessagingTestDb({ sendLimit: { max: 1000, windowMs: 60_000 } });
    ana = await t.user('ana');
    ben = await t.user('ben');
  });
  afterEach(() => t.close());

  test('unread counts stay exact under concurrent sends from both sides, and each event carries the exact count', async () => {
    const { id } = await t.messages.open(ana, 'ben');
    const sends = Array.from({ length: 40 }, (_, i) => t.messages.send(i % 4 === 0 ? ben : ana, id, { text: `m${i}`, idempotencyKey: `key-${i}-concurrent` }));
    const sent = await Promise.all(sends);
    const positions = await t.db
      .selectFrom('messages' as never)
      .select('position' as never)
      .execute();
    expect(new Set(positions.map((p) => Number((p as { position: number }).position))).size).toBe(40);
    expect((await t.messages.get(ben, id))?.unreadCount).toBe(30); // ana's 30
    expect((await t.messages.get(ana, id))?.unreadCount).toBe(10); // ben's 10
    expect(await t.messages.unreadTotal(ben)).toBe(30);
    // Ben's events, in log order, count 1, 2, … 30 for ana's messages (ben's own leave it unchanged).
    const counts = (await t.eventsOf(ben)).filter((e) => e.type === 'message.created' && (e.data.message as { senderId: string }).senderId === ana).map((e) => e.data.unreadCount);
    expect(counts).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Read up to the newest message of the first page → 0; a mark never moves back.
    const page = await t.messages.messages(ben, id, { limit: 5 });
    expect(page?.messages).toHaveLength(5);
    expect(sent).toHaveLength(40);
    const newest = page!.messages[0]!;
    expect(await t.messages.markRead(ben, id, newest.id)).toEqual({ unreadCount: 0 });
    const oldest = (await t.messages.messages(ben, id, { limit: 100 }))!.messages.at(-1)!;
    expect(await t.messages.markRead(ben, id, oldest.id)).toEqual({ unreadCount: 0 });
    expect(await t.messages.unreadTotal(ben)).toBe(0);
    expect((await t.eventsOf(ben)).at(-1)).toEqual({ type: 'conversation.read', data: { conversationId: id, unreadCount: 0 } });
  });

  test('messages page newest first with a cursor that walks every message once', async () => {
    const { id } = await t.messages.open(ana, 'ben');
    for (let i = 0; i < 7; i++) await t.messages.send(ana, id, { text: `m${i}`, idempotencyKey: `key-page-${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await t.messages.messages(ben, id, { limit: 3, cursor }))!;
      seen.push(...page.messages.map((m) => m.text));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  test('an idempotency key replays the first message; another text under it is a conflict', async () => {
    const { id } = await t.messages.open(ana, 'ben');
    const first = await t.messages.send(ana, id, { text: 'hello', idempotencyKey: 'key-hello-1' });
    const again = await t.messages.send(ana, id, { text: 'hello', idempotencyKey: 'key-hello-1' });
    expect(again).toEqual({ message: first.message, replayed: true });
    expect(await refusal(t.messages.send(ana, id, { text: 'other', idempotencyKey: 'key-hello-1' }))).toBe('idempotency_conflict');
    const racing = await Promise.all(Array.from({ length: 5 }, () => t.messages.send(ana, id, { text: 'same', idempotencyKey: 'key-race-1' })));
    expect(new Set(racing.map((r) => r.message.id)).size).toBe(1);
    expect((await t.messages.get(ben, id))?.unreadCount).toBe(2);
  });

  test('blocking stops the blocked account’s messages; unblocking lets them through', async () => {
    const { id } = await t.messages.open(ana, 'ben');
    await t.messages.block(ben, 'ana');
    expect(await refusal(t.messages.send(ana, id, { text: 'hi', idempotencyKey: 'key-block-1' }))).toBe('blocked');
    expect(await refusal(t.messages.send(ben, id, { text: 'hi', idempotencyKey: 'key-block-2' }))).toBe('blocked');
    expect((await t.messages.blocks(ben)).blocked.map((u) => u.handle)).toEqual(['ana']);
    expect((await t.messages.get(ben, id))?.blocked).toBe(true);
    await t.messages.unblock(ben, 'ana');
    expect((await t.messages.send(ana, id, { text: 'hi', idempotencyKey: 'key-block-3' })).message.text).toBe('hi');
    expect(await refusal(t.messages.block(ben, 'nobody_here'))).toBe('not_found');
  });

  test('only participants read or write a conversation', async () => {
    const chi = await t.user('chi');
    const { id } = await t.messages.open(ana, 'ben');
    expect(await t.messages.get(chi, id)).toBeNull();
    expect(await t.messages.messages(chi, id, { limit: 10 })).toBeNull();
    expect(await refusal(t.messages.send(chi, id, { text: 'hi', idempotencyKey: 'key-intruder' }))).toBe('not_found');
    const sent = await t.messages.send(ana, id, { text: 'hi', idempotencyKey: 'key-ok-1' });
    expect(await refusal(t.messages.markRead(chi, id, sent.message.id))).toBe('not_found');
    expect((await t.messages.list(chi, { limit: 10 })).conversations).toEqual([]);
  });
});

describe('per-sender rate limit', () => {
  test('past the limit a sender gets rate_limited until the window moves on; replays do not count', async () => {
    const t = await openMessagingTestDb({ sendLimit: { max: 3, windowMs: 10_000 } });
    try {
      await t.user('ana');
      await t.user('ben');
      const ana = (await t.db.selectFrom('users').select('id').where('handle', '=', 'ana').executeTakeFirstOrThrow()).id;
      const { id } = await t.messages.open(ana, 'ben');
      for (let i = 0; i < 3; i++) await t.messages.send(ana, id, { text: `m${i}`, idempotencyKey: `key-rate-${i}` });
      expect((await t.messages.send(ana, id, { text: 'm0', idempotencyKey: 'key-rate-0' })).replayed).toBe(true);
      expect(await refusal(t.messages.send(ana, id, { text: 'm3', idempotencyKey: 'key-rate-3' }))).toBe('rate_limited');
      t.clock.advance(10_001);
      expect((await t.messages.send(ana, id, { text: 'm3', idempotencyKey: 'key-rate-3' })).replayed).toBe(false);
    } finally {
      await t.close();
    }
  });
});
