import { renameSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sampleVideo } from '../../test-support/fixtures';
import { createOrdersTestPlatform, orderOf, type OrdersTestPlatform } from './test-support';

let p: OrdersTestPlatform;
beforeAll(async () => {
  p = await createOrdersTestPlatform();
});
afterAll(() => p.close());

test('two first reads of a delivered video that is not moved in yet both get it (the viewer’s page reads it as soon as the delivery is pushed)', async () => {
  const cora = await p.creator('cora_r');
  const ana = await p.viewer('ana_r', 250);
  const order = orderOf(await p.order(ana, 'cora_r'));
  await p.api(cora, 'POST', `/orders/${order.id}/accept`);
  const video = sampleVideo().mp4;
  const uploadId = await p.upload(cora, video);
  expect((await p.api(cora, 'POST', `/orders/${order.id}/deliver`, { uploadId, idempotencyKey: 'race-send-1' })).statusCode).toBe(200);
  // As if the move after the commit had not happened yet: the file is still the upload.
  renameSync(path.join(p.dataDir, 'order-media', order.id, 'video.mp4'), path.join(p.dataDir, 'uploads', uploadId));
  const reads = await Promise.all([ana, cora, ana].map((token) => p.api(token, 'GET', `/orders/${order.id}/video`)));
  expect(reads.map((r) => r.statusCode)).toEqual([200, 200, 200]);
  for (const read of reads) expect(read.rawPayload.equals(video)).toBe(true);
});
