import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { VideoPage } from '@shared/protocol/index';
import { startEmbeddedPlatform } from '../embedded';
import { testDialect } from '../test-support/database';
import { DEMO_CREATOR, DEMO_VIDEOS } from './demo-videos';

const resourcesDir = path.resolve(import.meta.dirname, '../../resources');

// The embedded platform is the studio's SQLite one; the platform-pg run has nothing to add here.
test.runIf(testDialect() === 'sqlite')(
  'a fresh embedded platform lists the demo videos with their anchors; a restart reuses them; another data dir reuses the encoded clips',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-videos-'));
    const cache = path.join(dir, 'cache');
    const start = (dataDir: string) => startEmbeddedPlatform({ dataDir, resourcesDir, webAppDir: path.join(dir, 'no-web-app'), demoVideoCacheDir: cache });
    try {
      const started = performance.now();
      const first = await start(path.join(dir, 'data'));
      const listening = performance.now() - started;
      const result = await first.demoVideos;
      const made = performance.now() - started;
      expect(result?.made).toBe(DEMO_VIDEOS.length);
      const feed = (await (await fetch(`${first.url}/api/v1/videos`)).json()) as VideoPage;
      const demo = feed.videos.filter((v) => v.creator.handle === DEMO_CREATOR.handle);
      expect(demo.map((v) => v.title).sort()).toEqual(DEMO_VIDEOS.map((s) => s.title).sort());
      for (const video of demo) {
        const spec = DEMO_VIDEOS.find((s) => s.title === video.title)!;
        expect(video).toMatchObject({ visibility: 'public', width: 540, height: 960, mimeType: 'video/mp4' });
        expect(video.durationMs).toBeGreaterThan(3500);
        expect(video.anchors.map((a) => [a.role, a.itemId, a.attributeId, a.x, a.y])).toEqual(spec.anchors.map((a) => [a.role, a.itemId, a.attributeId, a.x, a.y]));
        expect(video.anchors.filter((a) => a.role === 'target')).toHaveLength(1);
        const cover = await fetch(`${first.url}${video.coverUrl}`);
        expect(cover.status).toBe(200);
        expect(cover.headers.get('content-type')).toBe('image/jpeg');
        const media = await fetch(`${first.url}${video.mediaUrl}`, { headers: { range: 'bytes=0-15' } });
        expect(media.status).toBe(206);
        expect(
          Buffer.from(await media.arrayBuffer())
            .subarray(4, 8)
            .toString('latin1'),
        ).toBe('ftyp');
      }
      // A tap on a demo target anchor resolves to its item and shade, as the viewer app needs.
      const target = demo[0]!.anchors.find((a) => a.role === 'target')!;
      const trigger = (await (await fetch(`${first.url}/api/v1/anchors/${target.id}/trigger`, { method: 'POST' })).json()) as { item: { id: string } };
      expect(trigger.item.id).toBe(target.itemId);
      await first.close();

      const again = performance.now();
      const second = await start(path.join(dir, 'data'));
      const reused = await second.demoVideos;
      const restart = performance.now() - again;
      expect(reused).toEqual({ videos: result!.videos, made: 0 });
      const after = (await (await fetch(`${second.url}/api/v1/videos`)).json()) as VideoPage;
      expect(after.videos.filter((v) => v.creator.handle === DEMO_CREATOR.handle)).toHaveLength(DEMO_VIDEOS.length);
      await second.close();

      // A new data dir (another e2e run, a reset) posts the same clips without encoding them again.
      const clips = readdirSync(cache).map((f) => [f, statSync(path.join(cache, f)).mtimeMs] as const);
      expect(clips.map(([f]) => /^(.+)-[0-9a-f]{16}\.mp4$/.exec(f)?.[1]).sort()).toEqual(DEMO_VIDEOS.map((spec) => spec.key).sort());
      const third = await start(path.join(dir, 'data-2'));
      expect((await third.demoVideos)?.made).toBe(DEMO_VIDEOS.length);
      await third.close();
      expect(readdirSync(cache).map((f) => [f, statSync(path.join(cache, f)).mtimeMs] as const)).toEqual(clips);
      console.log(`demo videos: listening after ${listening.toFixed(0)} ms, ${DEMO_VIDEOS.length} made and posted after ${made.toFixed(0)} ms; restart with them ready ${restart.toFixed(0)} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  120_000,
);
