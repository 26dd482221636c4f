import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HotAnchors, TriggerResponse, Video } from '@shared/protocol/index';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, targetAnchor, type TestPlatform } from '../../test-support/harness';

let p: TestPlatform;
let pub: Video;
let priv: Video;

beforeAll(async () => {
  p = await createTestPlatform();
  const { token } = await p.register('anchors');
  const mp4 = sampleVideo().mp4;
  pub = await p.postVideo(token, mp4, {
    anchors: [targetAnchor(), targetAnchor({ role: 'associated', itemId: 'knit-beanie', attributeId: undefined, label: 'Beanie', placement: 'manual' })],
  });
  priv = await p.postVideo(token, mp4, { visibility: 'private' });
  // The owner triggers the private anchor a lot: it must still never show up in the public hot list.
  for (let i = 0; i < 5; i++) await p.app.inject({ method: 'POST', url: `/api/v1/anchors/${priv.anchors[0]!.id}/trigger`, headers: { authorization: `Bearer ${token}` } });
});
afterAll(() => p.close());

let viewers = 0;
/** Each call from a new address unless one is given: counting is once per viewer per hour. */
const trigger = (id: string, remoteAddress = `198.51.100.${++viewers}`, token?: string) =>
  p.app.inject({ method: 'POST', url: `/api/v1/anchors/${id}/trigger`, remoteAddress, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

test('a trigger resolves the anchor to its item and counts it', async () => {
  const target = pub.anchors[0]!;
  const first = (await trigger(target.id)).json<TriggerResponse>();
  expect(first.item.id).toBe('velvet-rouge-lipstick');
  expect(first.anchor).toMatchObject({ id: target.id, attributeId: 'classic-red', triggerCount: 1 });
  expect((await trigger(target.id)).json<TriggerResponse>().anchor.triggerCount).toBe(2);
});

test('hot anchors: most triggered first, public videos only, limit respected', async () => {
  const [target, beanie] = pub.anchors as [Video['anchors'][0], Video['anchors'][0]];
  for (let i = 0; i < 3; i++) await trigger(beanie.id);
  const hot = (await p.app.inject({ method: 'GET', url: '/api/v1/anchors/hot?limit=5' })).json<HotAnchors>();
  expect(hot.anchors.map((h) => [h.anchor.id, h.anchor.triggerCount])).toEqual([
    [beanie.id, 3],
    [target.id, 2],
  ]);
  expect(hot.anchors[0]!.item.id).toBe('knit-beanie');
  const one = (await p.app.inject({ method: 'GET', url: '/api/v1/anchors/hot?limit=1' })).json<HotAnchors>();
  expect(one.anchors).toHaveLength(1);
  expect((await p.app.inject({ method: 'GET', url: '/api/v1/anchors/hot?limit=0' })).statusCode).toBe(400);
});

test('an unknown or malformed anchor id → 404 / 400', async () => {
  expect((await trigger('anc_00000000000000000000')).statusCode).toBe(404);
  expect((await trigger('not-an-anchor')).statusCode).toBe(400);
});

test('one viewer counts once per anchor per hour: 300 anonymous taps from one address → 1; an account counts apart; the next hour counts again', async () => {
  const { token } = await p.register('tapper');
  const video = await p.postVideo(token, sampleVideo().mp4);
  const anchor = video.anchors[0]!;
  const counts = [];
  for (let i = 0; i < 300; i++) counts.push((await trigger(anchor.id, '203.0.113.9')).json<TriggerResponse>().anchor.triggerCount);
  expect(new Set(counts)).toEqual(new Set([1]));
  expect((await trigger(anchor.id, '203.0.113.9', token)).json<TriggerResponse>().anchor.triggerCount).toBe(2);
  expect((await trigger(anchor.id, '203.0.113.77', token)).json<TriggerResponse>().anchor.triggerCount).toBe(2);
  // Racing taps from one new address still count once.
  const raced = await Promise.all(Array.from({ length: 10 }, () => trigger(anchor.id, '203.0.113.10')));
  expect(Math.max(...raced.map((r) => r.json<TriggerResponse>().anchor.triggerCount))).toBe(3);
  p.clock.advance(60 * 60 * 1000);
  expect(await p.runJobs()).toBeGreaterThanOrEqual(1); // prunes last hour's marks
  expect((await trigger(anchor.id, '203.0.113.9')).json<TriggerResponse>().anchor.triggerCount).toBe(4);
});
