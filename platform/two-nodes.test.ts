import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AuthResponse, Video, VideoPage } from '@shared/protocol/index';
import { testDialect } from './test-support/database';
import { sampleVideo } from './test-support/fixtures';
import { targetAnchor } from './test-support/harness';
import { testDatabaseUrl } from './test-support/postgres';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Node {
  readonly url: string;
  readonly child: ChildProcess;
}

function startNode(dataDir: string, databaseUrl: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_DATABASE_URL: databaseUrl, PLATFORM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'], // stderr unread in a pipe would block the node once full
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (url) => resolve({ url, child }));
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

async function stopNode(node: Node): Promise<void> {
  if (node.child.exitCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGTERM');
  await exited;
}

// Two platform processes as a load balancer would see them: one PostgreSQL, one data dir on a
// shared volume, no stickiness. Every step below goes to the node the previous one did not.
const run = testDialect() === 'postgres';
let dataDir: string;
let nodes: [Node, Node] | undefined;

beforeAll(async () => {
  if (!run) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-shared-'));
  const databaseUrl = await testDatabaseUrl();
  const first = await startNode(dataDir, databaseUrl); // migrates
  nodes = [first, await startNode(dataDir, databaseUrl)];
}, 120_000);
afterAll(async () => {
  if (!run) return;
  await Promise.all((nodes ?? []).map(stopNode)); // none when starting them failed (that error is reported)
  rmSync(dataDir, { recursive: true, force: true });
});

test.runIf(run)(
  'two nodes on one PostgreSQL and a shared data dir: sign up on A, upload half on A and resume on B, post on A, read from B',
  async () => {
    const [a, b] = nodes!;
    const mp4 = sampleVideo().mp4;
    const json = { 'content-type': 'application/json' };
    const auth = (await (
      await fetch(`${a.url}/api/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ handle: 'two_nodes', password: 'long enough', displayName: 'Two' }) })
    ).json()) as AuthResponse;
    const bearer = { authorization: `Bearer ${auth.token}`, 'tus-resumable': '1.0.0' };
    expect((await fetch(`${b.url}/api/v1/me`, { headers: bearer })).status).toBe(200); // the session is in the shared database

    const created = await fetch(`${a.url}/api/v1/uploads`, { method: 'POST', headers: { ...bearer, 'upload-length': String(mp4.length) } });
    expect(created.status).toBe(201);
    const uploadPath = created.headers.get('location')!;
    const half = Math.floor(mp4.length / 2);
    const patch = (base: string, offset: number, bytes: Buffer) =>
      fetch(`${base}${uploadPath}`, { method: 'PATCH', headers: { ...bearer, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
    expect((await patch(a.url, 0, mp4.subarray(0, half))).status).toBe(204);
    const head = await fetch(`${b.url}${uploadPath}`, { method: 'HEAD', headers: bearer });
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect((await patch(b.url, half, mp4.subarray(half))).status).toBe(204);

    const uploadId = uploadPath.split('/').at(-1)!;
    const post = await fetch(`${a.url}/api/v1/videos`, {
      method: 'POST',
      headers: { ...bearer, ...json },
      body: JSON.stringify({ uploadId, title: 'Across nodes', visibility: 'public', anchors: [targetAnchor()], idempotencyKey: 'two-nodes-post-1' }),
    });
    expect(post.status, await post.clone().text()).toBe(201);
    const video = (await post.json()) as Video;

    // The seeded platform also posts its demo creator's videos in the background: only this account's count here.
    const page = (await (await fetch(`${b.url}/api/v1/videos`)).json()) as VideoPage;
    expect(page.videos.filter((v) => v.creator.id === video.creator.id).map((v) => v.id)).toEqual([video.id]);
    const media = await fetch(`${b.url}${video.mediaUrl}`, { headers: { range: 'bytes=100-199' } });
    expect(media.status).toBe(206);
    expect(Buffer.from(await media.arrayBuffer()).equals(mp4.subarray(100, 200))).toBe(true);
    const replay = await fetch(`${b.url}/api/v1/videos`, {
      method: 'POST',
      headers: { ...bearer, ...json },
      body: JSON.stringify({ uploadId, title: 'Across nodes', visibility: 'public', anchors: [targetAnchor()], idempotencyKey: 'two-nodes-post-1' }),
    });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as Video).id).toBe(video.id);
  },
  60_000,
);
