import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MessagePage } from '@shared/protocol/messages';
import type { NotificationPage } from '@shared/protocol/notifications';
import type { Forwarded, Order, SharedVideo, ShareLink } from '@shared/protocol/orders';
import { sampleVideo } from '../../test-support/fixtures';
import { createOrdersTestPlatform, orderOf, type OrdersTestPlatform } from './test-support';

let p: OrdersTestPlatform;
let cora: string;
beforeAll(async () => {
  p = await createOrdersTestPlatform();
  cora = await p.creator('fwdcora');
});
afterAll(() => p.close());

const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;
let keys = 0;

async function delivered(requester: string): Promise<Order> {
  const order = orderOf(await p.order(requester, 'fwdcora'));
  await p.api(cora, 'POST', `/orders/${order.id}/accept`);
  const uploadId = await p.upload(cora, sampleVideo().mp4);
  return orderOf(await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId, idempotencyKey: `fwd-send-${++keys}` }));
}

async function cookieOf(handle: string): Promise<string> {
  const login = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost:80' }, payload: { handle, password: 'correct horse', session: 'cookie' } });
  return String(login.headers['set-cookie']).split(';')[0]!;
}

describe('forwarding a delivered video through messages', () => {
  test('the recipient gets a message with Watch and a notification, and may watch the private link (cookie or bearer); strangers and nobody get 404', async () => {
    const ana = await p.viewer('fwdana', 200);
    const bo = await p.viewer('fwdbo', 0);
    const stranger = await p.viewer('fwdstranger', 0);
    const order = await delivered(ana);
    const body = { toHandle: '@FwdBo', note: 'Look what Cora made for Zhang!', idempotencyKey: 'forward-to-bo-1' };
    const first = await p.api(ana, 'POST', `/orders/${order.id}/forward`, body);
    expect(first.statusCode, first.body).toBe(201);
    const sent = first.json<Forwarded>();
    expect(sent).toMatchObject({ to: { handle: 'fwdbo' }, path: `/order-shares/${sent.token}`, videoPath: `/order-shares/${sent.token}/video` });

    // The same key again answers the same forward: one message, one notification.
    const again = await p.api(ana, 'POST', `/orders/${order.id}/forward`, body);
    expect([again.statusCode, again.json<Forwarded>()]).toEqual([200, sent]);
    const conflict = await p.api(ana, 'POST', `/orders/${order.id}/forward`, { ...body, toHandle: 'fwdstranger' });
    expect([conflict.statusCode, code(conflict)]).toEqual([409, 'idempotency_conflict']);

    const page = (await p.api(bo, 'GET', `/conversations/${sent.conversationId}/messages`)).json<MessagePage>();
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0]).toMatchObject({
      kind: 'system',
      text: '@fwdana sent you a custom video by @fwdcora: Look what Cora made for Zhang!',
      textKey: { key: 'videoForwardedWithNote', params: { sender: 'fwdana', creator: 'fwdcora', note: 'Look what Cora made for Zhang!' } },
      actions: [{ kind: 'video', id: sent.token, label: 'Watch' }],
    });
    const notes = (await p.api(bo, 'GET', '/notifications')).json<NotificationPage>();
    expect(notes.notifications.filter((n) => n.kind === 'order.forwarded').map((n) => n.target)).toEqual([{ kind: 'conversation', id: sent.conversationId }]);

    // The link stays private: forwarding never makes it public.
    expect((await p.api(null, 'GET', sent.path)).statusCode).toBe(404);
    expect((await p.api(null, 'GET', sent.videoPath)).statusCode).toBe(404);
    expect((await p.api(stranger, 'GET', sent.path)).statusCode).toBe(404);
    expect((await p.api(stranger, 'GET', sent.videoPath)).statusCode).toBe(404);
    expect((await p.api(bo, 'GET', sent.path)).json<SharedVideo>()).toMatchObject({ creator: { handle: 'fwdcora' }, from: { handle: 'fwdana' }, occasion: 'Birthday', videoPath: sent.videoPath });
    expect((await p.api(bo, 'GET', sent.videoPath)).rawPayload.equals(sampleVideo().mp4)).toBe(true);
    const cookie = await cookieOf('fwdbo');
    const ranged = await p.app.inject({ method: 'GET', url: `/api/v1${sent.videoPath}`, headers: { cookie, range: 'bytes=0-9' } });
    expect([ranged.statusCode, ranged.rawPayload.equals(sampleVideo().mp4.subarray(0, 10))]).toEqual([206, true]);
    for (const party of [ana, cora]) expect((await p.api(party, 'GET', sent.videoPath)).statusCode).toBe(200);
    // The recipient still cannot open the order itself.
    expect((await p.api(bo, 'GET', `/orders/${order.id}`)).statusCode).toBe(404);

    // Made public later, the same token works for anyone; withdrawn, the recipient keeps access.
    const link = (await p.api(ana, 'POST', `/orders/${order.id}/share-link`, { public: true })).json<ShareLink>();
    expect(link.token).toBe(sent.token);
    expect((await p.api(null, 'GET', sent.videoPath)).statusCode).toBe(200);
    await p.api(ana, 'POST', `/orders/${order.id}/share-link`, { public: false });
    expect((await p.api(null, 'GET', sent.videoPath)).statusCode).toBe(404);
    expect((await p.api(bo, 'GET', sent.videoPath)).statusCode).toBe(200);
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });

  test('refusals: unknown handle 404, yourself 400, not delivered 409, creator 403, someone else 404, blocked 403, bad body 400', async () => {
    const ana = await p.viewer('fwdana2', 300);
    const bo = await p.viewer('fwdbo2', 0);
    const order = await delivered(ana);
    const forward = (token: string | null, body: object, id = order.id) => p.api(token, 'POST', `/orders/${id}/forward`, { idempotencyKey: `refusal-${++keys}`, ...body });
    const answers = async (res: Promise<{ statusCode: number; json: <T>() => T }>) => {
      const r = await res;
      return [r.statusCode, code(r)];
    };
    expect(await answers(forward(ana, { toHandle: 'nobody-at-all' }))).toEqual([404, 'not_found']);
    expect(await answers(forward(ana, { toHandle: 'fwdana2' }))).toEqual([400, 'bad_request']);
    expect(await answers(forward(ana, { toHandle: '' }))).toEqual([400, 'validation_failed']);
    expect(await answers(forward(ana, { toHandle: 'fwdbo2', note: 'x'.repeat(201) }))).toEqual([400, 'validation_failed']);
    expect(await answers(forward(cora, { toHandle: 'fwdbo2' }))).toEqual([403, 'forbidden']);
    expect(await answers(forward(bo, { toHandle: 'fwdana2' }))).toEqual([404, 'not_found']);
    expect((await forward(null, { toHandle: 'fwdbo2' })).statusCode).toBe(401);
    const pending = orderOf(await p.order(ana, 'fwdcora'));
    expect(await answers(forward(ana, { toHandle: 'fwdbo2' }, pending.id))).toEqual([409, 'invalid_state']);

    // Blocked by the recipient (or having blocked them): refused, and nothing is granted.
    expect((await p.api(bo, 'POST', '/blocks', { handle: 'fwdana2' })).statusCode).toBe(204);
    expect(await answers(forward(ana, { toHandle: 'fwdbo2' }))).toEqual([403, 'blocked']);
    const share = (await p.api(ana, 'POST', `/orders/${order.id}/share-link`, { public: false })).json<ShareLink>();
    expect((await p.api(bo, 'GET', share.videoPath)).statusCode).toBe(404);
    await p.app.inject({ method: 'DELETE', url: '/api/v1/blocks/fwdana2', headers: { authorization: `Bearer ${bo}` } });
    expect((await p.api(ana, 'POST', '/blocks', { handle: 'fwdbo2' })).statusCode).toBe(204);
    expect(await answers(forward(ana, { toHandle: 'fwdbo2' }))).toEqual([403, 'blocked']);
    await p.app.inject({ method: 'DELETE', url: '/api/v1/blocks/fwdbo2', headers: { authorization: `Bearer ${ana}` } });
    expect((await forward(ana, { toHandle: 'fwdbo2' })).statusCode).toBe(201);
    expect((await p.api(bo, 'GET', share.videoPath)).statusCode).toBe(200);
  });

  test('the same request sent twice at once forwards once: one 201, one 200, one message', async () => {
    const ana = await p.viewer('fwdana3', 200);
    const bo = await p.viewer('fwdbo3', 0);
    const order = await delivered(ana);
    const body = { toHandle: 'fwdbo3', idempotencyKey: 'forward-race-1' };
    const answers = await Promise.all([0, 1].map(() => p.api(ana, 'POST', `/orders/${order.id}/forward`, body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    const sent = answers[0]!.json<Forwarded>();
    expect(answers[1]!.json<Forwarded>()).toEqual(sent);
    expect((await p.api(bo, 'GET', `/conversations/${sent.conversationId}/messages`)).json<MessagePage>().messages).toHaveLength(1);
  });
});
