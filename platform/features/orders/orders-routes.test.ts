import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { EventEnvelope, ServerMessage } from '@shared/protocol/events';
import { HOUR_MS } from '@shared/domain/orders/lifecycle';
import type { CreatorPage, Order, OrderIncome, OrderPage, ShareLink } from '@shared/protocol/orders';
import { sampleVideo } from '../../test-support/fixtures';
import { createOrdersTestPlatform, orderOf, type OrdersTestPlatform } from './test-support';

let p: OrdersTestPlatform;
let cora: string;
beforeAll(async () => {
  p = await createOrdersTestPlatform();
  cora = await p.creator('cora');
});
afterAll(() => p.close());

const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;

describe('an order from request to comment', () => {
  test('hold on order, accept, deliver with capture less 25 %, watch with ranges, comment once; every change on order: and user: topics', async () => {
    const ana = await p.viewer('ana1', 250);
    const t0 = p.clock.now();
    const created = await p.order(ana, 'cora');
    expect(created.statusCode).toBe(201);
    const order = orderOf(created);
    expect(order).toMatchObject({
      state: 'pending_acceptance',
      priceCoins: 100,
      requester: { handle: 'ana1' },
      creator: { handle: 'cora' },
      info: { forWhom: 'Friend', name: 'Zhang', address: 'Xiao Zhang', occasion: 'Birthday' },
      cancelReason: null,
      commented: false,
      times: { requestedAt: t0 },
      deadlines: { acceptBy: t0 + 48 * HOUR_MS },
      videoPath: null,
      creatorDiamonds: null,
    });
    expect(await p.wallet(ana)).toEqual({ coins: 150, diamonds: 0, heldCoins: 100 });

    const listed = (await p.api(cora, 'GET', '/orders?role=creator&state=pending_acceptance')).json<OrderPage>();
    expect(listed.orders.map((o) => o.id)).toEqual([order.id]);
    expect(listed.orders[0]!.creatorDiamonds).toBe(75);

    p.clock.advance(HOUR_MS);
    const accepted = orderOf(await p.api(cora, 'POST', `/orders/${order.id}/accept`));
    expect(accepted).toMatchObject({ state: 'accepted', times: { requestedAt: t0, acceptedAt: t0 + HOUR_MS }, deadlines: { deliverBy: t0 + HOUR_MS + 168 * HOUR_MS } });
    expect(accepted.deadlines.acceptBy).toBeUndefined();

    const video = sampleVideo().mp4;
    const uploadId = await p.upload(cora, video);
    p.clock.advance(HOUR_MS);
    const deliver = () => p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId, idempotencyKey: 'send-once-1' });
    const delivered = orderOf(await deliver());
    expect(delivered).toMatchObject({ state: 'delivered', times: { deliveredAt: t0 + 2 * HOUR_MS }, deadlines: {}, videoPath: `/orders/${order.id}/video` });
    // A retried send (same key) answers the same order and moves no money twice.
    const again = await deliver();
    expect(again.statusCode).toBe(200);
    expect(orderOf(again).times).toEqual(delivered.times);
    expect(await p.wallet(cora)).toEqual({ coins: 0, diamonds: 75, heldCoins: 0 });
    expect(await p.wallet(ana)).toEqual({ coins: 150, diamonds: 0, heldCoins: 0 });

    for (const token of [ana, cora]) {
      const whole = await p.api(token, 'GET', `/orders/${order.id}/video`);
      expect(whole.statusCode).toBe(200);
      expect(whole.rawPayload.equals(video)).toBe(true);
      const part = await p.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/video`, headers: { authorization: `Bearer ${token}`, range: 'bytes=10-19' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 10-19/${video.length}`);
      expect(part.rawPayload.equals(video.subarray(10, 20))).toBe(true);
    }

    const comment = await p.api(ana, 'POST', `/orders/${order.id}/comment`, { stars: 5, text: 'Zhang loved it' });
    expect(comment.statusCode).toBe(201);
    expect(orderOf(comment)).toMatchObject({ commented: true, comment: { stars: 5, text: 'Zhang loved it', anonymous: false } });
    const twice = await p.api(ana, 'POST', `/orders/${order.id}/comment`, { stars: 4 });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'already_commented']);
    const page = (await p.api(null, 'GET', '/creators/cora')).json<CreatorPage>();
    expect(page.rating).toEqual({ average: 5, count: 1 });
    expect(page.comments[0]).toMatchObject({ stars: 5, text: 'Zhang loved it', author: 'ana1' });

    const changes = ['order.created', 'order.accepted', 'order.delivered', 'order.commented'];
    expect((await p.events(`order:${order.id}`)).map((e) => e.type)).toEqual(changes);
    expect((await p.events(`user:${order.requester.id}`)).filter((e) => e.type.startsWith('order.')).map((e) => e.type)).toEqual(changes);
    expect((await p.events(`user:${order.creator.id}`)).filter((e) => e.type.startsWith('order.')).map((e) => e.type)).toEqual(changes);
    expect((await p.events(`order:${order.id}`))[2]!.data).toEqual({ orderId: order.id, state: 'delivered', change: 'delivered', requesterId: order.requester.id, creatorId: order.creator.id });
    expect(await p.checkLedger()).toMatchObject({ ok: true });

    // Each change is a system message in the two accounts' conversation, with guide items, and the other party's badge.
    const conversations = (await p.api(ana, 'GET', '/conversations')).json<{ conversations: { id: string; with: { handle: string } }[] }>().conversations;
    const withCora = conversations.find((c) => c.with.handle === 'cora')!;
    const messages = (await p.api(ana, 'GET', `/conversations/${withCora.id}/messages`)).json<{
      messages: { kind: string; senderId: string; text: string; textKey: unknown; actions: { kind: string; id: string; label: string }[] }[];
    }>().messages;
    const details = { kind: 'order', id: order.id, label: 'Details' };
    expect(messages.map((m) => ({ kind: m.kind, from: m.senderId === order.creator.id ? 'creator' : 'requester', text: m.text, actions: m.actions }))).toEqual([
      { kind: 'system', from: 'requester', text: 'New comment on your video', actions: [details, { kind: 'comment', id: order.id, label: 'Comment' }] },
      { kind: 'system', from: 'creator', text: 'Video sent', actions: [details, { kind: 'video', id: order.id, label: 'Watch' }, { kind: 'comment', id: order.id, label: 'Comment' }] },
      { kind: 'system', from: 'creator', text: 'Request accepted', actions: [details] },
      { kind: 'system', from: 'requester', text: 'New request from @ana1: birthday video for Zhang', actions: [details] },
    ]);
    // Each also as key and parameters, for the clients to say in their language.
    expect(messages.map((m) => m.textKey)).toEqual([
      { key: 'orderCommented', params: {} },
      { key: 'orderDelivered', params: {} },
      { key: 'orderAccepted', params: {} },
      { key: 'orderRequested', params: { requester: 'ana1', occasion: 'Birthday', who: 'Zhang' } },
    ]);
    expect((await p.api(cora, 'GET', '/notifications/unread-count')).json()).toEqual({ unreadCount: 2 });
    expect((await p.api(ana, 'GET', '/notifications/unread-count')).json()).toEqual({ unreadCount: 2 });
    const anaNotes = (await p.api(ana, 'GET', '/notifications')).json<{ notifications: { kind: string; text: string; target: object }[] }>().notifications;
    expect(anaNotes.map((n) => [n.kind, n.text, n.target])).toEqual([
      ['order.delivered', 'Video sent', { kind: 'order', id: order.id }],
      ['order.accepted', 'Request accepted', { kind: 'order', id: order.id }],
    ]);
  });

  test('too few coins: 402 insufficient_funds with the shortfall, and no order', async () => {
    const ben = await p.viewer('ben1', 30);
    const res = await p.order(ben, 'cora');
    expect(res.statusCode).toBe(402);
    expect(res.json()).toEqual({ error: { code: 'insufficient_funds', message: expect.stringContaining('70 more'), shortfall: 70, priceCoins: 100 } });
    expect((await p.api(ben, 'GET', '/orders')).json<OrderPage>().orders).toEqual([]);
    expect(await p.wallet(ben)).toEqual({ coins: 30, diamonds: 0, heldCoins: 0 });
    // After a top-up the same payment goes through.
    await p.api(ben, 'POST', '/wallet/top-up', { coins: 70, idempotencyKey: 'ben-top-up-2' });
    expect((await p.order(ben, 'cora')).statusCode).toBe(201);
    expect(await p.wallet(ben)).toEqual({ coins: 0, diamonds: 0, heldCoins: 100 });
  });

  test('the same idempotency key: 200 with the first order and one hold; another body is 409', async () => {
    const chi = await p.viewer('chi1', 500);
    const first = orderOf(await p.order(chi, 'cora', 'same-key-123'));
    const replay = await p.order(chi, 'cora', 'same-key-123');
    expect(replay.statusCode).toBe(200);
    expect(orderOf(replay).id).toBe(first.id);
    expect(await p.wallet(chi)).toMatchObject({ coins: 400, heldCoins: 100 });
    const other = await p.api(chi, 'POST', '/orders', { creatorHandle: 'cora', info: { forWhom: 'Myself', address: 'me', occasion: 'Other' }, idempotencyKey: 'same-key-123' });
    expect([other.statusCode, code(other)]).toEqual([409, 'idempotency_conflict']);
  });

  test('every cancellation releases the hold in full, with its reason', async () => {
    const dee = await p.viewer('dee1', 300);
    const a = orderOf(await p.order(dee, 'cora'));
    const b = orderOf(await p.order(dee, 'cora'));
    const c = orderOf(await p.order(dee, 'cora'));
    expect(await p.wallet(dee)).toMatchObject({ coins: 0, heldCoins: 300 });
    expect(orderOf(await p.api(dee, 'POST', `/orders/${a.id}/cancel`, { reason: 'I ordered by mistake' }))).toMatchObject({
      state: 'cancelled',
      cancelReason: { kind: 'cancelled_by_requester', text: 'I ordered by mistake' },
    });
    expect(orderOf(await p.api(cora, 'POST', `/orders/${b.id}/refuse`, { reason: 'Too busy this week' }))).toMatchObject({
      state: 'cancelled',
      cancelReason: { kind: 'refused_by_creator', text: 'Too busy this week' },
    });
    await p.api(cora, 'POST', `/orders/${c.id}/accept`);
    const late = await p.api(dee, 'POST', `/orders/${c.id}/cancel`, { reason: 'changed my mind' });
    expect([late.statusCode, code(late)]).toEqual([409, 'invalid_state']);
    expect(orderOf(await p.api(cora, 'POST', `/orders/${c.id}/cancel`, { reason: 'Lost my voice' }))).toMatchObject({
      cancelReason: { kind: 'cancelled_by_creator', text: 'Lost my voice' },
      times: { cancelledAt: expect.any(Number) },
    });
    expect(await p.wallet(dee)).toEqual({ coins: 300, diamonds: 0, heldCoins: 0 });
    const notes = (await p.api(dee, 'GET', '/notifications')).json<{ notifications: { text: string }[] }>().notifications.map((n) => n.text);
    // The requester is told of the creator's refusal and cancellation, not of their own cancellation.
    expect(notes).toEqual(['Request cancelled: Cancelled by the creator (Lost my voice)', 'Request accepted', 'Request cancelled: The request is refused by the creator (Too busy this week)']);
    expect(
      (await p.api(dee, 'GET', '/orders?state=cancelled'))
        .json<OrderPage>()
        .orders.map((o) => o.id)
        .sort(),
    ).toEqual([a.id, b.id, c.id].sort());
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });

  test('share link: the requester makes it public, anyone with it may watch; withdrawn, it stops working', async () => {
    const eve = await p.viewer('eve1', 100);
    const order = orderOf(await p.order(eve, 'cora'));
    const early = await p.api(eve, 'POST', `/orders/${order.id}/share-link`, {});
    expect([early.statusCode, code(early)]).toEqual([409, 'invalid_state']);
    await p.api(cora, 'POST', `/orders/${order.id}/accept`);
    const uploadId = await p.upload(cora, sampleVideo().mp4);
    orderOf(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId, idempotencyKey: 'send-eve-1' }));
    expect(code(await p.api(cora, 'POST', `/orders/${order.id}/share-link`, {}))).toBe('forbidden');
    const link = (await p.api(eve, 'POST', `/orders/${order.id}/share-link`, { public: true })).json<ShareLink>();
    expect(link).toMatchObject({ public: true, path: `/order-shares/${link.token}`, videoPath: `/order-shares/${link.token}/video` });
    expect((await p.api(null, 'GET', link.path)).json()).toMatchObject({ creator: { handle: 'cora' }, occasion: 'Birthday', videoPath: link.videoPath });
    expect((await p.api(null, 'GET', link.videoPath)).rawPayload.equals(sampleVideo().mp4)).toBe(true);
    // The viewer web app's <video> sends its session cookie, not a bearer header.
    const login = await p.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost:80' },
      payload: { handle: 'eve1', password: 'correct horse', session: 'cookie' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const byCookie = await p.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/video`, headers: { cookie, range: 'bytes=0-9' } });
    expect([byCookie.statusCode, byCookie.rawPayload.equals(sampleVideo().mp4.subarray(0, 10))]).toEqual([206, true]);
    // Someone else still cannot open the order or its private video route.
    const stranger = await p.viewer('stranger1', 0);
    expect((await p.api(stranger, 'GET', `/orders/${order.id}/video`)).statusCode).toBe(404);
    const off = (await p.api(eve, 'POST', `/orders/${order.id}/share-link`, { public: false })).json<ShareLink>();
    expect(off).toMatchObject({ token: link.token, public: false });
    expect((await p.api(null, 'GET', link.path)).statusCode).toBe(404);
    expect((await p.api(null, 'GET', link.videoPath)).statusCode).toBe(404);
  });
});

describe('income', () => {
  test('diamonds from the ledger’s order payments (all and since a date), escrow and waiting requests over every open order', async () => {
    const nia = await p.creator('nia');
    const fin = await p.viewer('fin1', 1_000);
    const income = async (query = ''): Promise<OrderIncome> => (await p.api(nia, 'GET', `/creators/me/income${query}`)).json<OrderIncome>();
    expect(await income()).toEqual({ totalDiamonds: 0, sinceDiamonds: 0, escrowCoins: 0, pendingCount: 0 });

    const deliver = async (key: string): Promise<void> => {
      const order = orderOf(await p.order(fin, 'nia', `income-${key}`));
      await p.api(nia, 'POST', `/orders/${order.id}/accept`);
      orderOf(await p.api(nia, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(nia, sampleVideo().mp4), idempotencyKey: `income-send-${key}` }));
    };
    await deliver('first');
    p.clock.advance(24 * HOUR_MS);
    const monthStart = p.clock.now();
    await deliver('second');
    orderOf(await p.order(fin, 'nia', 'income-waiting-1'));
    const accepted = orderOf(await p.order(fin, 'nia', 'income-accepted'));
    await p.api(nia, 'POST', `/orders/${accepted.id}/accept`);
    const cancelled = orderOf(await p.order(fin, 'nia', 'income-cancelled'));
    await p.api(fin, 'POST', `/orders/${cancelled.id}/cancel`, { reason: 'by mistake' });

    // Each delivered order pays 100 coins less 25 % = 75 diamonds.
    expect(await income(`?since=${monthStart}`)).toEqual({ totalDiamonds: 150, sinceDiamonds: 75, escrowCoins: 200, pendingCount: 1 });
    expect(await income()).toMatchObject({ totalDiamonds: 150, sinceDiamonds: 0 });
    expect((await p.wallet(nia)).diamonds).toBe(150);
    // Another creator's income is their own (all of cora's diamonds came from her orders).
    expect((await p.api(cora, 'GET', '/creators/me/income')).json<OrderIncome>().totalDiamonds).toBe((await p.wallet(cora)).diamonds);
    const bad = await p.api(nia, 'GET', '/creators/me/income?since=yesterday');
    expect([bad.statusCode, code(bad)]).toEqual([400, 'validation_failed']);
    expect((await p.api(null, 'GET', '/creators/me/income')).statusCode).toBe(401);
  });
});

describe('authorisation matrix', () => {
  test('each order route × requester / creator / someone else / nobody', async () => {
    const req = await p.viewer('mreq', 1000);
    const other = await p.viewer('mother', 0);
    await p.viewer('mfriend', 0);
    const fresh = async (): Promise<Order> => orderOf(await p.order(req, 'cora'));
    type Who = 'requester' | 'creator' | 'other' | 'nobody';
    const tokenOf: Record<Who, string | null> = { requester: req, creator: cora, other, nobody: null };
    const cases: { route: string; state: 'pending' | 'accepted' | 'delivered'; body?: object; expect: Record<Who, number> }[] = [
      { route: 'GET /orders/:id', state: 'pending', expect: { requester: 200, creator: 200, other: 404, nobody: 401 } },
      { route: 'POST /orders/:id/accept', state: 'pending', expect: { requester: 403, creator: 200, other: 404, nobody: 401 } },
      { route: 'POST /orders/:id/refuse', state: 'pending', body: { reason: 'no' }, expect: { requester: 403, creator: 200, other: 404, nobody: 401 } },
      { route: 'POST /orders/:id/cancel', state: 'pending', body: { reason: 'no' }, expect: { requester: 200, creator: 409, other: 404, nobody: 401 } },
      { route: 'POST /orders/:id/cancel', state: 'accepted', body: { reason: 'no' }, expect: { requester: 409, creator: 200, other: 404, nobody: 401 } },
      {
        route: 'POST /orders/:id/deliver',
        state: 'accepted',
        body: { uploadId: 'upl_0000000000000000', idempotencyKey: 'matrix-key' },
        expect: { requester: 403, creator: 404, other: 404, nobody: 401 },
      },
      { route: 'POST /orders/:id/comment', state: 'delivered', body: { stars: 4 }, expect: { requester: 201, creator: 403, other: 404, nobody: 401 } },
      { route: 'GET /orders/:id/video', state: 'delivered', expect: { requester: 200, creator: 200, other: 404, nobody: 401 } },
      { route: 'POST /orders/:id/share-link', state: 'delivered', body: {}, expect: { requester: 200, creator: 403, other: 404, nobody: 401 } },
      {
        route: 'POST /orders/:id/forward',
        state: 'delivered',
        body: { toHandle: 'mfriend', idempotencyKey: 'matrix-forward' },
        expect: { requester: 201, creator: 403, other: 404, nobody: 401 },
      },
    ];
    for (const c of cases) {
      // One order per case: refusals change nothing, and in this order the one success comes last
      // (refusals by role are decided before state, so they read the same either way).
      const order = await fresh();
      if (c.state !== 'pending') await p.api(cora, 'POST', `/orders/${order.id}/accept`);
      if (c.state === 'delivered') orderOf(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(cora, sampleVideo().mp4), idempotencyKey: `matrix-${order.id}` }));
      for (const who of ['nobody', 'other', 'creator', 'requester'] as Who[]) {
        const [method, path] = c.route.split(' ') as ['GET' | 'POST', string];
        const res = await p.api(tokenOf[who], method, path.replace(':id', order.id), c.body);
        expect(res.statusCode, `${c.route} (${c.state}) as ${who}: ${res.body.slice(0, 200)}`).toBe(c.expect[who]);
      }
    }
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });
});

describe('bad input answers clear 4xx codes', () => {
  test('ordering: unknown creator, yourself, service off or exited, bad info, bad key', async () => {
    const fay = await p.viewer('fay1', 1000);
    expect([(await p.order(fay, 'nobody-here')).statusCode, code(await p.order(fay, 'nobody-here'))]).toEqual([404, 'not_found']);
    const self = await p.order(cora, 'cora');
    expect([self.statusCode, code(self)]).toEqual([400, 'own_order']);
    const gus = await p.creator('gus', { priceCoins: 10 });
    await p.api(gus, 'PUT', '/creators/me/customization', { priceCoins: 10, description: 'Jokes', receiving: false });
    const off = await p.order(fay, 'gus');
    expect([off.statusCode, code(off)]).toEqual([409, 'not_receiving']);
    expect((await p.api(null, 'GET', '/creators/gus')).json<CreatorPage>().notOrderableReason).toBe('This creator is not receiving requests right now');
    const never = await p.viewer('never1', 0);
    expect(code(await p.order(fay, 'never1'))).toBe('not_receiving');
    void never;
    const bad = async (info: object, key = `bad-info-${Math.random()}`) => p.api(fay, 'POST', '/orders', { creatorHandle: 'cora', info, idempotencyKey: key });
    for (const info of [
      {},
      { forWhom: 'Friend', address: '', occasion: 'Birthday' },
      { forWhom: 'Friend', address: 'x', occasion: 'Birthday', instructions: 'x'.repeat(501) },
      { forWhom: 'x'.repeat(41), address: 'x', occasion: 'y' },
      { forWhom: 'Other', address: 'x', occasion: 'y' },
    ]) {
      const res = await bad(info);
      expect([res.statusCode, code(res)], JSON.stringify(info)).toEqual([400, 'validation_failed']);
    }
    expect((await bad({ forWhom: 'Friend', address: 'x', occasion: 'y' }, 'short')).statusCode).toBe(400);
    expect(await p.wallet(fay)).toMatchObject({ coins: 1000, heldCoins: 0 });
  });

  test('actions: double accept, deliver twice with another key, comment empty or before delivery, bad ids', async () => {
    const hal = await p.viewer('hal1', 1000);
    const order = orderOf(await p.order(hal, 'cora'));
    expect(code(await p.api(hal, 'POST', `/orders/${order.id}/comment`, { stars: 5 }))).toBe('invalid_state');
    const early = await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(cora, Buffer.from('x')), idempotencyKey: 'too-early-1' });
    expect([early.statusCode, code(early)]).toEqual([409, 'invalid_state']);
    expect((await p.api(cora, 'POST', `/orders/${order.id}/accept`)).statusCode).toBe(200);
    const twice = await p.api(cora, 'POST', `/orders/${order.id}/accept`);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'invalid_state']);
    // Someone else's upload is as unknown as a missing one.
    const halUpload = await p.upload(hal, Buffer.from('hal video'));
    expect(code(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: halUpload, idempotencyKey: 'foreign-1' }))).toBe('not_found');
    const unfinished = await p.upload(cora, Buffer.alloc(100, 1), { sendBytes: 40 });
    expect(code(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: unfinished, idempotencyKey: 'unfinished-1' }))).toBe('upload_incomplete');
    // Not a playable MP4: refused before anything changes.
    const junk = await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(cora, Buffer.from('v1 is not a video')), idempotencyKey: 'junk-send-1' });
    expect([junk.statusCode, code(junk)]).toEqual([422, 'not_a_video']);
    expect((await p.api(hal, 'GET', `/orders/${order.id}`)).json<Order>().state).toBe('accepted');
    orderOf(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(cora, sampleVideo().mp4), idempotencyKey: 'first-send-1' }));
    const second = await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId: await p.upload(cora, Buffer.from('v2')), idempotencyKey: 'second-send-1' });
    expect([second.statusCode, code(second)]).toEqual([409, 'invalid_state']);
    for (const body of [{}, { text: '   ' }, { stars: 0 }, { stars: 6 }, { stars: 2.5 }, { text: 'x'.repeat(501) }]) {
      const res = await p.api(hal, 'POST', `/orders/${order.id}/comment`, body);
      expect([res.statusCode, code(res)], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    p.clock.advance(1000);
    expect((await p.api(hal, 'POST', `/orders/${order.id}/comment`, { text: 'thanks', anonymous: true })).statusCode).toBe(201);
    const page = (await p.api(null, 'GET', '/creators/cora')).json<CreatorPage>();
    expect(page.comments[0]).toMatchObject({ text: 'thanks', author: null });
    expect(page.comments[0]!.stars).toBeUndefined();
    for (const id of ['nope', 'ord_UPPER000000', 'vid_0000000000000000']) expect((await p.api(hal, 'GET', `/orders/${id}`)).statusCode).toBe(400);
    expect((await p.api(hal, 'GET', '/orders/ord_00000000000000000000')).statusCode).toBe(404);
    expect((await p.api(hal, 'POST', `/orders/${order.id}/refuse`, { reason: 'x'.repeat(401) })).statusCode).toBe(400);
    expect((await p.api(hal, 'GET', '/orders?role=boss')).statusCode).toBe(400);
    expect((await p.api(hal, 'GET', '/orders?cursor=1')).statusCode).toBe(400);
  });

  test('lists page newest first by cursor and filter by role and state', async () => {
    const ivy = await p.viewer('ivy1', 1000);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(orderOf(await p.order(ivy, 'cora')).id);
      p.clock.advance(1000);
    }
    const first = (await p.api(ivy, 'GET', '/orders?limit=2')).json<OrderPage>();
    const second = (await p.api(ivy, 'GET', `/orders?limit=2&cursor=${first.nextCursor}`)).json<OrderPage>();
    const third = (await p.api(ivy, 'GET', `/orders?limit=2&cursor=${second.nextCursor}`)).json<OrderPage>();
    expect([...first.orders, ...second.orders, ...third.orders].map((o) => o.id)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    expect((await p.api(ivy, 'GET', '/orders?role=creator')).json<OrderPage>().orders).toEqual([]);
    expect((await p.api(ivy, 'GET', '/orders?state=open')).json<OrderPage>().orders).toHaveLength(5);
    expect((await p.api(ivy, 'GET', '/orders?state=delivered')).json<OrderPage>().orders).toHaveLength(0);
  });
});

describe('live on order:<id>', () => {
  test('its requester and creator may subscribe and hear the change; anyone else is refused', async () => {
    const ola = await p.viewer('ola_live', 100);
    const stranger = await p.viewer('ola_stranger', 0);
    const order = orderOf(await p.order(ola, 'cora'));
    const base = (await p.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const listen = (token: string) => {
      const received: ServerMessage[] = [];
      const socket = new WebSocket(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } });
      socket.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: [`order:${order.id}`] })));
      return { received, socket };
    };
    const sockets = { requester: listen(ola), creator: listen(cora), stranger: listen(stranger) };
    try {
      const answer = (who: keyof typeof sockets) => sockets[who].received.find((m) => m.type === 'error' || m.type === 'subscribed');
      for (const who of ['requester', 'creator'] as const) await expect.poll(() => answer(who), { timeout: 15_000 }).toMatchObject({ type: 'subscribed' });
      await expect.poll(() => answer('stranger'), { timeout: 15_000 }).toMatchObject({ type: 'error', code: 'forbidden' });
      orderOf(await p.api(cora, 'POST', `/orders/${order.id}/accept`));
      for (const who of ['requester', 'creator'] as const) {
        await expect
          .poll(() => sockets[who].received.find((m): m is EventEnvelope => 'id' in m && m.type === 'order.accepted'), { timeout: 15_000 })
          .toMatchObject({ topic: `order:${order.id}`, data: { orderId: order.id, state: 'accepted' } });
      }
    } finally {
      for (const s of Object.values(sockets)) s.socket.close();
    }
  });
});
