import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Order } from '@shared/protocol/orders';
import { sampleVideo } from '../../test-support/fixtures';
import { createOrdersTestPlatform, orderOf, type OrdersTestPlatform } from './test-support';

// Short windows, as operators and tests configure them: 1 minute to accept, 2 to deliver.
const ACCEPT_MS = 60_000;
const DELIVER_MS = 120_000;

let p: OrdersTestPlatform;
let cora: string;
beforeAll(async () => {
  p = await createOrdersTestPlatform({ orderWindows: { acceptMs: ACCEPT_MS, deliverMs: DELIVER_MS } });
  cora = await p.creator('cora');
});
afterAll(() => p.close());

const code = (res: { json: <T>() => T }): string => res.json<{ error: { code: string } }>().error.code;
const get = async (token: string, id: string): Promise<Order> => orderOf(await p.api(token, 'GET', `/orders/${id}`));

describe('deadlines', () => {
  test('the job expires a request not accepted in time and releases the hold, without anyone reading it', async () => {
    const ana = await p.viewer('ana_d', 100);
    const order = orderOf(await p.order(ana, 'cora'));
    expect(order.deadlines.acceptBy).toBe(order.times.requestedAt + ACCEPT_MS);
    p.clock.advance(ACCEPT_MS - 1);
    await p.runJobs();
    expect((await p.events(`order:${order.id}`)).map((e) => e.type)).toEqual(['order.created']);
    p.clock.advance(1);
    expect(await p.runJobs()).toBeGreaterThanOrEqual(1);
    expect((await p.events(`order:${order.id}`)).map((e) => e.type)).toEqual(['order.created', 'order.expired']);
    expect(await p.wallet(ana)).toEqual({ coins: 100, diamonds: 0, heldCoins: 0 });
    expect(await get(ana, order.id)).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'not_accepted_in_time' }, times: { cancelledAt: order.times.requestedAt + ACCEPT_MS }, deadlines: {} });
    // Both parties hear of it: the clock acted, not either of them.
    for (const token of [ana, cora]) {
      const notes = (await p.api(token, 'GET', '/notifications')).json<{ notifications: { kind: string; text: string }[] }>().notifications;
      expect(notes[0]).toMatchObject({ kind: 'order.expired', text: 'Request cancelled: The request is not accepted within 48 hours' });
    }
  });

  test('a read past the deadline never shows the order pending: it is expired on the read (before the job runs)', async () => {
    const ben = await p.viewer('ben_d', 100);
    const order = orderOf(await p.order(ben, 'cora'));
    p.clock.advance(ACCEPT_MS + 5_000);
    expect(await get(cora, order.id)).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'not_accepted_in_time' } });
    expect(await p.wallet(ben)).toMatchObject({ coins: 100, heldCoins: 0 });
    // The list reads expire too, and the job that runs later finds nothing left to do.
    const chi = await p.viewer('chi_d', 100);
    const listed = orderOf(await p.order(chi, 'cora'));
    p.clock.advance(ACCEPT_MS);
    const pending = (await p.api(chi, 'GET', '/orders?state=pending_acceptance')).json<{ orders: Order[] }>();
    expect(pending.orders).toEqual([]);
    await p.runJobs();
    expect((await p.events(`order:${listed.id}`)).map((e) => e.type)).toEqual(['order.created', 'order.expired']);
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });

  test('accept after the deadline → 409 deadline_passed, and the order is cancelled with its hold released', async () => {
    const dee = await p.viewer('dee_d', 100);
    const order = orderOf(await p.order(dee, 'cora'));
    p.clock.advance(ACCEPT_MS);
    const late = await p.api(cora, 'POST', `/orders/${order.id}/accept`);
    expect([late.statusCode, code(late)]).toEqual([409, 'deadline_passed']);
    expect(await get(dee, order.id)).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'not_accepted_in_time' } });
    expect(await p.wallet(dee)).toMatchObject({ coins: 100, heldCoins: 0 });
  });

  test('deliver after the deadline → 409 deadline_passed; the video is not sent within 168 h (here 2 min) and the coins go back', async () => {
    const eve = await p.viewer('eve_d', 100);
    const order = orderOf(await p.order(eve, 'cora'));
    const accepted = orderOf(await p.api(cora, 'POST', `/orders/${order.id}/accept`));
    expect(accepted.deadlines.deliverBy).toBe(accepted.times.acceptedAt! + DELIVER_MS);
    // Accepting moved the job: the old accept deadline passing does nothing.
    p.clock.advance(ACCEPT_MS);
    await p.runJobs();
    expect((await get(eve, order.id)).state).toBe('accepted');
    p.clock.advance(DELIVER_MS - ACCEPT_MS);
    const uploadId = await p.upload(cora, sampleVideo().mp4);
    const late = await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId, idempotencyKey: 'late-send-1' });
    expect([late.statusCode, code(late)]).toEqual([409, 'deadline_passed']);
    expect(await get(eve, order.id)).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'not_delivered_in_time' } });
    expect(await p.wallet(eve)).toMatchObject({ coins: 100, heldCoins: 0 });
    expect(await p.wallet(cora)).toMatchObject({ diamonds: 0 });
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });
});

describe('races: exactly one wins, the ledger balances', () => {
  test('accept and cancel at once on 8 orders: one of the two succeeds on each', async () => {
    const fan = await p.viewer('race_fan', 800);
    const orders = await Promise.all(Array.from({ length: 8 }, async () => orderOf(await p.order(fan, 'cora'))));
    const results = await Promise.all(orders.map((o) => Promise.all([p.api(cora, 'POST', `/orders/${o.id}/accept`), p.api(fan, 'POST', `/orders/${o.id}/cancel`, { reason: 'race' })])));
    let accepted = 0;
    for (const [accept, cancel] of results) {
      expect([accept.statusCode, cancel.statusCode].sort()).toEqual([200, 409]);
      if (accept.statusCode === 200) accepted++;
      else expect(code(accept)).toBe('invalid_state');
    }
    expect(await p.wallet(fan)).toEqual({ coins: 800 - accepted * 100, diamonds: 0, heldCoins: accepted * 100 });
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });

  test('deliver and the expiry job at the deadline on 6 orders: each ends delivered (captured) or expired (released), never both', async () => {
    const { token: gus } = await p.register('gus_creator');
    await p.api(gus, 'PUT', '/creators/me/customization', { priceCoins: 40, description: 'Fast videos' });
    await p.api(gus, 'POST', '/creators/me/customization/publish');
    const fan = await p.viewer('race_fan2', 240);
    const orders: Order[] = [];
    for (let i = 0; i < 6; i++) orders.push(orderOf(await p.order(fan, 'gus_creator')));
    for (const o of orders) await p.api(gus, 'POST', `/orders/${o.id}/accept`);
    const uploads = await Promise.all(orders.map(() => p.upload(gus, sampleVideo().mp4)));
    p.clock.advance(DELIVER_MS - 1);
    // The sends start one millisecond before the deadline; once the first is answered the clock
    // reaches it while the others still run, and the expiry job sweeps at the same time.
    const sends = orders.map((o, i) => p.api(gus, 'POST', `/orders/${o.id}/deliver`, { uploadId: uploads[i], idempotencyKey: `race-send-${i}` }));
    await sends[0];
    p.clock.advance(1);
    const [responses] = await Promise.all([Promise.all(sends), p.runJobs()]);
    let delivered = 0;
    for (const [i, res] of responses.entries()) {
      const order = await get(fan, orders[i]!.id);
      if (res.statusCode === 200) {
        delivered++;
        expect(order.state).toBe('delivered');
      } else {
        expect([res.statusCode, code(res)]).toEqual([409, expect.stringMatching(/^(deadline_passed|invalid_state)$/)]);
        expect(order).toMatchObject({ state: 'cancelled', cancelReason: { kind: 'not_delivered_in_time' } });
      }
      const types = (await p.events(`order:${order.id}`)).map((e) => e.type);
      expect(types.filter((t) => t === 'order.delivered' || t === 'order.expired')).toHaveLength(1);
    }
    expect(delivered).toBeGreaterThanOrEqual(1);
    expect(await p.wallet(gus)).toMatchObject({ diamonds: delivered * 30 });
    expect(await p.wallet(fan)).toEqual({ coins: (6 - delivered) * 40, diamonds: 0, heldCoins: 0 });
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });

  test('two nodes: one sends just before the deadline while the other runs the expiry at it, on 6 orders at once', async () => {
    // Node B shares A's database and data dir but its clock is a little ahead: both may act, the row lock decides.
    const b = await createOrdersTestPlatform({ orderWindows: { acceptMs: ACCEPT_MS, deliverMs: DELIVER_MS } }, p);
    try {
      const { token: ivy } = await p.register('ivy_creator');
      await p.api(ivy, 'PUT', '/creators/me/customization', { priceCoins: 40, description: 'Two nodes' });
      await p.api(ivy, 'POST', '/creators/me/customization/publish');
      const fan = await p.viewer('race_fan3', 240);
      const orders: Order[] = [];
      for (let i = 0; i < 6; i++) orders.push(orderOf(await p.order(fan, 'ivy_creator')));
      for (const o of orders) await p.api(ivy, 'POST', `/orders/${o.id}/accept`);
      const uploads = await Promise.all(orders.map(() => p.upload(ivy, sampleVideo().mp4)));
      const deliverBy = Math.max(...(await Promise.all(orders.map((o) => get(fan, o.id)))).map((o) => o.deadlines.deliverBy!));
      p.clock.advance(deliverBy - 1 - p.clock.now());
      b.clock.advance(deliverBy - b.clock.now());
      const sends = orders.map((o, i) => p.api(ivy, 'POST', `/orders/${o.id}/deliver`, { uploadId: uploads[i], idempotencyKey: `two-node-${i}` }));
      const [responses] = await Promise.all([Promise.all(sends), b.runJobs()]);
      for (const [i, res] of responses.entries()) {
        const order = await get(fan, orders[i]!.id);
        expect(order.state).toBe(res.statusCode === 200 ? 'delivered' : 'cancelled');
        if (res.statusCode !== 200) expect([res.statusCode, code(res), order.cancelReason?.kind]).toEqual([409, 'invalid_state', 'not_delivered_in_time']);
        const types = (await p.events(`order:${order.id}`)).map((e) => e.type);
        expect(types.filter((t) => t === 'order.delivered' || t === 'order.expired')).toHaveLength(1);
      }
      const delivered = responses.filter((r) => r.statusCode === 200).length;
      expect(await p.wallet(ivy)).toMatchObject({ diamonds: delivered * 30 });
      expect(await p.wallet(fan)).toEqual({ coins: (6 - delivered) * 40, diamonds: 0, heldCoins: 0 });
      expect(await p.checkLedger()).toMatchObject({ ok: true });
    } finally {
      await b.close();
    }
  });

  test('random order sequences keep every balance explained and the ledger sound', async () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const fans = [await p.viewer('rnd_a', 1000), await p.viewer('rnd_b', 1000)];
    const { token: hal } = await p.register('rnd_creator');
    await p.api(hal, 'PUT', '/creators/me/customization', { priceCoins: 37, description: 'Random' });
    await p.api(hal, 'POST', '/creators/me/customization/publish');
    const open: { id: string; fan: string }[] = [];
    for (let step = 0; step < 60; step++) {
      const move = rand(6);
      if (move === 0 || open.length === 0) {
        const fan = fans[rand(2)]!;
        const res = await p.order(fan, 'rnd_creator');
        if (res.statusCode === 201) open.push({ id: orderOf(res).id, fan });
        else expect(res.statusCode).toBe(402);
        continue;
      }
      const target = open[rand(open.length)]!;
      if (move === 1) await p.api(hal, 'POST', `/orders/${target.id}/accept`);
      else if (move === 2) await p.api(target.fan, 'POST', `/orders/${target.id}/cancel`, { reason: 'random' });
      else if (move === 3) await p.api(hal, 'POST', `/orders/${target.id}/deliver`, { uploadId: await p.upload(hal, sampleVideo().mp4), idempotencyKey: `rnd-${step}-key` });
      else if (move === 4) await p.api(hal, 'POST', `/orders/${target.id}/refuse`, { reason: 'random' });
      else p.clock.advance(rand(3) * 30_000);
      await p.runJobs();
    }
    const all = [...(await p.api(hal, 'GET', '/orders?role=creator&limit=50')).json<{ orders: Order[] }>().orders];
    const delivered = all.filter((o) => o.state === 'delivered').length;
    const open2 = all.filter((o) => o.state === 'pending_acceptance' || o.state === 'accepted').length;
    expect((await p.wallet(hal)).diamonds).toBe(delivered * (37 - Math.floor((37 * 2500) / 10_000)));
    const wallets = await Promise.all(fans.map((f) => p.wallet(f)));
    // Every coin is spendable, held by an open order, or paid for a delivered one.
    expect(wallets.reduce((s, w) => s + w.coins + w.heldCoins, 0) + delivered * 37).toBe(2000);
    expect(wallets.reduce((s, w) => s + w.heldCoins, 0)).toBe(open2 * 37);
    expect(await p.checkLedger()).toMatchObject({ ok: true });
  });
});
