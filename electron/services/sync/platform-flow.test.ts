import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatform } from '@platform/app';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@platform/embedded';
import type { ExportJob } from '@shared/ipc/media-schemas';
import type { AccountView, PostJobView } from '@shared/ipc/platform-schemas';
import type { AnchorInput } from '@shared/protocol/index';
import { createMemoryLogger } from '../logger';
import { makeRecorderWebm, requireTools } from '../media/test-inputs';
import { SESSION_FILE } from './platform-side';
import { composeStudio, type StudioServices } from '../compose';
import { studioClient, waitFor } from '../test-support/studio-client';

const tools = requireTools();
const repoRoot = path.resolve(__dirname, '..', '..', '..');
let root: string;
let platform: EmbeddedPlatform;
let take: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'platform-handlers-'));
  platform = await startEmbeddedPlatform({ dataDir: path.join(root, 'platform'), resourcesDir: path.join(repoRoot, 'resources') });
  take = new Uint8Array(readFileSync(makeRecorderWebm(tools, path.join(root, 'take.webm'), { width: 320, height: 240, seconds: 2, codec: 'vp8' })));
}, 60_000);
afterAll(async () => {
  await platform.close();
  rmSync(root, { recursive: true, force: true });
});

const open = (name: string, url: string | null = platform.url): StudioServices =>
  composeStudio({ dataDir: path.join(root, name), host: 'browser', version: '0.0.0-test', logger: createMemoryLogger(), platform: url ? { url, embedded: true } : null });

describe('platform account through the contract', () => {
  it('registers, shows who is signed in, keeps the token main-side in a 0600 file, signs out', async () => {
    const services = open('account');
    try {
      expect(await studioClient(services).account.status()).toMatchObject({ signedIn: false, user: null, platformUrl: platform.url });
      const changes: AccountView[] = [];
      services.bus.subscribe((name, payload) => name === 'account.changed' && changes.push(payload as AccountView));
      const view = await studioClient(services).account.register({ handle: 'Creator_One', password: 'long-enough-pass', displayName: '  Creator   One ' });
      expect(view).toEqual({ signedIn: true, user: { handle: 'creator_one', displayName: 'Creator One' }, reason: null, platformUrl: platform.url });
      expect(changes.at(-1)?.signedIn).toBe(true);
      const file = path.join(root, 'account', SESSION_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const { token } = JSON.parse(readFileSync(file, 'utf8')) as { token: string };
      expect(JSON.stringify(view)).not.toContain(token);

      expect(await studioClient(services).account.logout()).toMatchObject({ signedIn: false, user: null });
      expect(() => statSync(file)).toThrow();
    } finally {
      services.close();
    }
  });

  it('answers a wrong password and a taken handle with clear errors', async () => {
    const services = open('bad-login');
    try {
      expect(await services.dispatch('account.login', { handle: 'viewer_ana', password: 'not-her-password' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const taken = await services.dispatch('account.register', { handle: 'viewer_ben', password: 'long-enough-pass', displayName: 'Ben again' });
      expect(taken).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await services.dispatch('account.login', { handle: 'viewer_chi', password: 'demo-viewer-pass' })).toMatchObject({ ok: true, value: { signedIn: true, user: { handle: 'viewer_chi' } } });
    } finally {
      services.close();
    }
  });

  it('says the platform is offline when it does not answer', async () => {
    const services = open('offline', 'http://127.0.0.1:9');
    try {
      const result = await services.dispatch('account.login', { handle: 'viewer_ana', password: 'demo-viewer-pass' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('offline') } });
      expect(await services.dispatch('discover.feed', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      services.close();
    }
  });

  it('passes the rate limit on through as "too many attempts"', async () => {
    const strict = await buildPlatform({ dataDir: path.join(root, 'strict-platform'), seed: null, scryptCost: { N: 1024, r: 8, p: 1 }, authRateLimit: { max: 2, timeWindowMs: 60_000 } });
    const url = await strict.listen({ port: 0, host: '127.0.0.1' });
    const services = open('rate', url);
    try {
      for (let i = 0; i < 2; i++) await services.dispatch('account.login', { handle: 'nobody_here', password: 'x' });
      const third = await services.dispatch('account.login', { handle: 'nobody_here', password: 'x' });
      expect(third).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Too many attempts') } });
    } finally {
      services.close();
      await strict.close();
    }
  });
});

describe('record → export → post → Discover → anchor, through the contract', () => {
  it('posts a take with a target and an associated anchor; it waits for a sign-in, then shows in the feed and its anchor resolves', async () => {
    const services = open('post');
    const jobs: PostJobView[] = [];
    const live: { type: string; videoId: string }[] = [];
    services.bus.subscribe((name, payload) => name === 'sync.job' && jobs.push(payload as PostJobView));
    services.bus.subscribe((name, payload) => name === 'discover.event' && live.push(payload as { type: string; videoId: string }));
    try {
      await studioClient(services).settings.set({ encoder: { preset: 'superfast', crf: 28 } });
      const { takeId, draftId } = await studioClient(services).recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'velvet-rouge-lipstick', attributeId: 'classic-red' });
      await studioClient(services).recordings.chunk({ takeId, seq: 0, bytes: take });
      for (const t of [200, 700, 1200]) await studioClient(services).recordings.event({ takeId, event: { type: 'face', t, x: 0.3, y: 0.2, w: 0.4, h: 0.5 } });
      await studioClient(services).recordings.event({ takeId, event: { type: 'attribute', t: 300, itemId: 'velvet-rouge-lipstick', attributeId: 'berry' } });
      await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      expect(await services.dispatch('sync.prepare', { draftId })).toMatchObject({ ok: true }); // a recorded take may be posted as it is…
      const exports: ExportJob[] = [];
      services.bus.subscribe((name, payload) => name === 'media.exportProgress' && exports.push(payload as ExportJob));
      await studioClient(services).media.export({ draftId });
      expect(await services.dispatch('sync.prepare', { draftId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('exporting') } });
      await waitFor(() => exports.at(-1)?.percent === 100);

      const kit = await studioClient(services).sync.prepare({ draftId });
      expect(kit).toMatchObject({ itemId: 'velvet-rouge-lipstick', attributeId: 'berry', mediaUrl: `media/drafts/${draftId}/export.mp4` });
      expect(kit.covers).toHaveLength(3);
      expect(kit.covers[1]!.timeMs).toBeGreaterThan(kit.covers[0]!.timeMs);
      expect(kit.faces.map((f) => f.t)).toEqual([200, 700, 1200]);

      const anchors: AnchorInput[] = [
        {
          kind: 'tryon',
          role: 'target',
          itemId: 'velvet-rouge-lipstick',
          attributeId: 'berry',
          label: 'Velvet Rouge · Berry',
          x: 0.66,
          y: 0.59,
          startMs: 0,
          endMs: kit.durationMs,
          placement: 'near-item',
        },
        {
          kind: 'tryon',
          role: 'associated',
          itemId: 'glass-gloss-lip',
          attributeId: 'cherry-gloss',
          label: 'Glass Gloss',
          x: 0.16,
          y: 0.5,
          startMs: 0,
          endMs: kit.durationMs,
          placement: 'background',
        },
      ];
      const { jobId } = await studioClient(services).sync.post({ draftId, title: 'Berry evening', topic: 'makeup', visibility: 'public', coverIndex: 1, anchors });
      // Not signed in: the post is kept, waiting for a sign-in.
      const blocked = await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'needs_sign_in'));
      expect(blocked).toMatchObject({ title: 'Berry evening', target: { itemId: 'velvet-rouge-lipstick', attributeId: 'berry' }, anchorCount: 2 });

      await studioClient(services).account.login({ handle: 'viewer_ana', password: 'demo-viewer-pass' });
      const done = await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'done'));
      expect(done.sentBytes).toBe(done.totalBytes);
      expect(jobs.some((j) => j.id === jobId && j.state === 'uploading')).toBe(true);
      expect((await studioClient(services).sync.jobs()).find((j) => j.id === jobId)?.state).toBe('done');

      // The platform's live event reaches the studio's bus (Discover refreshes on it).
      await waitFor(() => live.find((e) => e.type === 'video.created' && e.videoId === done.videoId), 10_000);
      const feed = await studioClient(services).discover.feed({});
      const video = feed.videos.find((v) => v.id === done.videoId)!;
      expect(video).toMatchObject({ title: 'Berry evening', topic: 'makeup', creator: { handle: 'viewer_ana' } });
      expect(video.mediaUrl.startsWith(`${platform.url}/api/v1/videos/`)).toBe(true);
      expect(video.anchors.map((a) => [a.role, a.itemId])).toEqual([
        ['target', 'velvet-rouge-lipstick'],
        ['associated', 'glass-gloss-lip'],
      ]);
      expect(Math.abs(video.coverTimeMs - kit.covers[1]!.timeMs)).toBeLessThanOrEqual(1);
      const cover = await fetch(video.coverUrl);
      expect(cover.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

      const target = video.anchors.find((a) => a.role === 'target')!;
      const triggered = await studioClient(services).anchors.trigger({ anchorId: target.id });
      expect(triggered).toMatchObject({ anchor: { id: target.id, attributeId: 'berry' }, item: { id: 'velvet-rouge-lipstick' } });
      const hot = await studioClient(services).discover.hotAnchors({ limit: 5 });
      expect(hot.anchors.some((h) => h.anchor.id === target.id)).toBe(true);
      expect(await services.dispatch('anchors.trigger', { anchorId: 'anc_0000000000nothere' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      services.close();
    }
  }, 120_000);
});

describe('offline, then back', () => {
  it('keeps a post while the platform is down and sends it once it is back, exactly once', async () => {
    const dir = path.join(root, 'flaky-platform');
    let flaky = await startEmbeddedPlatform({ dataDir: dir, resourcesDir: path.join(repoRoot, 'resources') });
    const port = Number(new URL(flaky.url).port);
    const services = open('offline-post', flaky.url);
    const jobs: PostJobView[] = [];
    services.bus.subscribe((name, payload) => name === 'sync.job' && jobs.push(payload as PostJobView));
    try {
      await studioClient(services).account.login({ handle: 'viewer_ben', password: 'demo-viewer-pass' });
      const { takeId, draftId } = await studioClient(services).recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: 'classic-fedora', attributeId: 'black' });
      await studioClient(services).recordings.chunk({ takeId, seq: 0, bytes: take });
      await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      const kit = await studioClient(services).sync.prepare({ draftId });
      await flaky.close();
      const anchors: AnchorInput[] = [
        { kind: 'tryon', role: 'target', itemId: 'classic-fedora', attributeId: 'black', label: 'Classic Fedora', x: 0.5, y: 0.1, startMs: 0, endMs: kit.durationMs, placement: 'near-item' },
      ];
      const { jobId } = await studioClient(services).sync.post({ draftId, title: 'Hat, offline first', visibility: 'public', anchors });
      const waiting = await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'waiting'), 20_000);
      expect(waiting.lastError?.message).toMatch(/did not answer|unreachable/);

      flaky = await startEmbeddedPlatform({ dataDir: dir, resourcesDir: path.join(repoRoot, 'resources'), port });
      // Whichever comes first wakes it: the job's own backoff timer or the events socket reconnecting (retryNow).
      const done = await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'done'), 30_000);
      const page = await studioClient(services).discover.feed({});
      expect(page.videos.filter((v) => v.id === done.videoId)).toHaveLength(1);
    } finally {
      services.close();
      await flaky.close();
    }
  }, 90_000);
});

describe('a session the platform no longer accepts', () => {
  it('asks to sign in again with a notice, keeps the queued post, and sends it after the new sign-in', async () => {
    const services = open('revoked');
    const jobs: PostJobView[] = [];
    services.bus.subscribe((name, payload) => name === 'sync.job' && jobs.push(payload as PostJobView));
    try {
      await studioClient(services).account.login({ handle: 'viewer_chi', password: 'demo-viewer-pass' });
      // The session ends on the platform's side (as when it expires): the studio still holds the token.
      const { token } = JSON.parse(readFileSync(path.join(root, 'revoked', SESSION_FILE), 'utf8')) as { token: string };
      expect((await fetch(`${platform.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);

      const { takeId, draftId } = await studioClient(services).recordings.start({ mimeType: 'video/webm;codecs=vp8,opus', itemId: null, attributeId: null });
      await studioClient(services).recordings.chunk({ takeId, seq: 0, bytes: take });
      await studioClient(services).recordings.finish({ takeId, mediaMs: 2000 });
      const { jobId } = await studioClient(services).sync.post({ draftId, title: 'No anchors, revoked session', visibility: 'private', anchors: [] });
      await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'needs_sign_in'), 20_000);
      expect(await studioClient(services).account.status()).toMatchObject({ signedIn: false, reason: expect.any(String) });
      const notices = await studioClient(services).app.notices();
      expect(notices.find((n) => n.id === 'platform-signed-out')?.message).toMatch(/Sign in again/);

      await studioClient(services).account.login({ handle: 'viewer_chi', password: 'demo-viewer-pass' });
      expect((await waitFor(() => jobs.find((j) => j.id === jobId && j.state === 'done'), 30_000)).videoId).toMatch(/^vid_/);
    } finally {
      services.close();
    }
  }, 90_000);
});
