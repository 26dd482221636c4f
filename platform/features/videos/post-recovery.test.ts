import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Video, VideoPage } from '@shared/protocol/index';
import { testDatabaseUrlFor } from '../../test-support/database';
import { sampleVideo } from '../../test-support/fixtures';
import { createTestPlatform, type TestPlatform } from '../../test-support/harness';
import type { PostStep } from './service';

const mp4 = sampleVideo().mp4;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A platform whose next post fails once at `step`, as a crash or a full disk would there. */
async function failingOnceAt(step: PostStep, dataDir: string, databaseUrl: string | undefined): Promise<TestPlatform> {
  let armed = true;
  return createTestPlatform({
    dataDir,
    databaseUrl,
    postFaults: (at) => {
      if (at !== step || !armed) return;
      armed = false;
      throw new Error(`injected failure after ${step}`);
    },
  });
}

/** Exactly one video, served byte for byte with a cover; no media folder without a video; the upload gone. */
async function expectOneWholeVideo(p: TestPlatform, token: string, uploadId: string): Promise<Video> {
  const page = (await p.app.inject({ method: 'GET', url: '/api/v1/videos', headers: { authorization: `Bearer ${token}` } })).json<VideoPage>();
  expect(page.videos).toHaveLength(1);
  const video = page.videos[0]!;
  const media = await p.app.inject({ method: 'GET', url: video.mediaUrl });
  expect(media.statusCode).toBe(200);
  expect(media.rawPayload.equals(mp4)).toBe(true);
  expect((await p.app.inject({ method: 'GET', url: video.coverUrl })).headers['content-type']).toBe('image/jpeg');
  expect(readdirSync(path.join(p.dataDir, 'media'))).toEqual([video.id]);
  expect(readdirSync(path.join(p.dataDir, 'uploads')).filter((f) => f.startsWith(uploadId))).toEqual([]);
  return video;
}

describe.each(['inserted', 'moved', 'covered'] as const)('POST /videos failing after %s', (step) => {
  test('the retry of the same request yields exactly one whole video, without re-uploading', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'post-retry-'));
    dirs.push(dataDir);
    const p = await failingOnceAt(step, dataDir, await testDatabaseUrlFor());
    try {
      const { token } = await p.register('crashy');
      const uploadId = await p.upload(token, mp4);
      const body = { uploadId, idempotencyKey: `crash-at-${step}` };
      expect((await p.post(token, body)).statusCode).toBe(500);
      const retry = await p.post(token, body);
      expect(retry.statusCode, retry.body).toBe(200);
      const video = await expectOneWholeVideo(p, token, uploadId);
      expect(retry.json<Video>().id).toBe(video.id);
    } finally {
      await p.close();
    }
  });

  test('a restart finishes the post by itself, and the retry then answers the same video', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'post-restart-'));
    dirs.push(dataDir);
    const databaseUrl = await testDatabaseUrlFor();
    const first = await failingOnceAt(step, dataDir, databaseUrl);
    const { token } = await first.register('crashy');
    const uploadId = await first.upload(token, mp4);
    const body = { uploadId, idempotencyKey: `restart-at-${step}` };
    expect((await first.post(token, body)).statusCode).toBe(500);
    await first.close();

    const second = await createTestPlatform({ dataDir, databaseUrl });
    try {
      const video = await expectOneWholeVideo(second, token, uploadId);
      const retry = await second.post(token, body);
      expect(retry.statusCode).toBe(200);
      expect(retry.json<Video>().id).toBe(video.id);
    } finally {
      await second.close();
    }
  });
});

test('a media folder with no video (left by the old move-then-insert order) is removed at start', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'post-orphan-'));
  dirs.push(dataDir);
  const databaseUrl = await testDatabaseUrlFor();
  const first = await createTestPlatform({ dataDir, databaseUrl });
  const { token } = await first.register('orphaned');
  const kept = await first.postVideo(token, mp4);
  await first.close();
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(path.join(dataDir, 'media', 'vid_orphan0000000000000'));
  writeFileSync(path.join(dataDir, 'media', 'vid_orphan0000000000000', 'video.mp4'), mp4);
  const second = await createTestPlatform({ dataDir, databaseUrl });
  try {
    expect(readdirSync(path.join(dataDir, 'media'))).toEqual([kept.id]);
  } finally {
    await second.close();
  }
});

test('a node starting while another still posts the same video (shared storage) finishes it beside it: one whole video, neither fails', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'post-two-nodes-'));
  dirs.push(dataDir);
  const databaseUrl = await testDatabaseUrlFor();
  // Both nodes are held where the video is in storage and its cover not yet grabbed, then let go
  // together: both grab the cover and hand it to storage at once (this used to end in ENOENT for one).
  let secondAtCover!: () => void;
  const secondReady = new Promise<void>((resolve) => (secondAtCover = resolve));
  let go!: () => void;
  const together = new Promise<void>((resolve) => (go = resolve));
  let starting: Promise<TestPlatform> | null = null;
  const first = await createTestPlatform({
    dataDir,
    databaseUrl,
    postFaults: async (at) => {
      if (at !== 'moved' || starting) return;
      starting = createTestPlatform({
        dataDir,
        databaseUrl,
        postFaults: async (step) => {
          if (step !== 'moved') return;
          secondAtCover();
          await together;
        },
      });
      await secondReady;
      go();
    },
  });
  let second: TestPlatform | null = null;
  try {
    const { token } = await first.register('two_nodes');
    const uploadId = await first.upload(token, mp4);
    const posted = await first.post(token, { uploadId, idempotencyKey: 'two-nodes' });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(starting).not.toBeNull();
    second = await starting!;
    await expectOneWholeVideo(first, token, uploadId);
    await expectOneWholeVideo(second, token, uploadId);
    expect(readdirSync(path.join(dataDir, 'uploads')).filter((f) => f.includes('.cover'))).toEqual([]);
  } finally {
    await second?.close();
    await first.close();
  }
});
