import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { EventEnvelope, ServerMessage } from '@shared/protocol/events';
import type { AuthResponse, Video } from '@shared/protocol/index';
import { testDialect } from './test-support/database';
import { sampleVideo } from './test-support/fixtures';
import { targetAnchor } from './test-support/harness';
import { testDatabaseUrl } from './test-support/postgres';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = testDialect() === 'postgres';

interface Node {
  readonly url: string;
  readonly child: ChildProcess;
}

function startNode(dataDir: string, databaseUrl: string, redisUrl: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/server.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, PLATFORM_DATABASE_URL: databaseUrl, PLATFORM_REDIS_URL: redisUrl, PLATFORM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (url) => resolve({ url, child }));
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

async function kill(node: Node): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGKILL');
  await exited;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A subscriber that keeps its last id and resumes with it, as the studio does. */
class Follower {
  readonly events: EventEnvelope[] = [];
  lastId: number | undefined;
  private socket: WebSocket | null = null;

  connect(base: string): Promise<void> {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events`);
    this.socket = socket;
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if ('id' in message) {
        this.events.push(message);
        this.lastId = message.id;
      } else if (message.type === 'subscribed') this.lastId ??= message.after;
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.send(JSON.stringify({ type: 'subscribe', topics: ['public'], ...(this.lastId === undefined ? {} : { after: this.lastId }) }));
        resolve();
      });
      socket.once('error', reject);
    });
  }

  close(): void {
    this.socket?.terminate();
  }
}

let redis: ChildProcess;
let redisUrl: string;
let databaseUrl: string;
let dataDir: string;
const nodes: Node[] = [];

beforeAll(async () => {
  if (!run) return;
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  redisUrl = `redis://127.0.0.1:${port}`;
  databaseUrl = await testDatabaseUrl();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-events-nodes-'));
  nodes.push(await startNode(dataDir, databaseUrl, redisUrl)); // migrates first
  nodes.push(await startNode(dataDir, databaseUrl, redisUrl));
}, 90_000);

afterAll(async () => {
  if (!run) return;
  await Promise.all(nodes.map(kill));
  redis.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

test.runIf(run)(
  'an event written through node A reaches a subscriber of node B once (Redis wakes B); B killed, events written meanwhile arrive once after reconnecting to a restarted B',
  async () => {
    const [a, b] = nodes as [Node, Node];
    const json = { 'content-type': 'application/json' };
    const follower = new Follower();
    await follower.connect(b.url);
    await expect.poll(() => follower.lastId).toBeTypeOf('number');

    const auth = (await (
      await fetch(`${a.url}/api/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ handle: 'event_nodes', password: 'long enough', displayName: 'Nodes' }) })
    ).json()) as AuthResponse;
    const bearer = { authorization: `Bearer ${auth.token}`, 'tus-resumable': '1.0.0' };
    const mp4 = sampleVideo().mp4;
    const created = await fetch(`${a.url}/api/v1/uploads`, { method: 'POST', headers: { ...bearer, 'upload-length': String(mp4.length) } });
    const uploadPath = created.headers.get('location')!;
    await fetch(`${a.url}${uploadPath}`, { method: 'PATCH', headers: { ...bearer, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(mp4) });
    const post = await fetch(`${a.url}/api/v1/videos`, {
      method: 'POST',
      headers: { ...bearer, ...json },
      body: JSON.stringify({ uploadId: uploadPath.split('/').at(-1), title: 'Evented', visibility: 'public', anchors: [targetAnchor()], idempotencyKey: 'events-two-nodes-1' }),
    });
    expect(post.status).toBe(201);
    const video = (await post.json()) as Video;
    // The seeded node also posts the demo creator's videos in the background: only this video's events count here.
    const mine = () => follower.events.filter((e) => e.data.videoId === video.id);
    await expect.poll(() => mine().map((e) => e.type), { timeout: 10_000 }).toEqual(['video.created']);
    expect(mine()[0]!.data).toEqual({ videoId: video.id });

    // A trigger counts (and is published) once per viewer and hour: each from its own loopback address.
    let viewer = 1;
    const trigger = () =>
      new Promise<number>((resolve, reject) => {
        const request = http.request(`${a.url}/api/v1/anchors/${video.anchors[0]!.id}/trigger`, { method: 'POST', localAddress: `127.0.0.${++viewer}` }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
    for (let i = 0; i < 3; i++) expect(await trigger()).toBe(200);
    await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(4);

    await kill(b);
    follower.close();
    for (let i = 0; i < 10; i++) expect(await trigger()).toBe(200);
    const restarted = await startNode(dataDir, databaseUrl, redisUrl);
    nodes[1] = restarted;
    await follower.connect(restarted.url);
    await expect.poll(() => mine().length, { timeout: 10_000 }).toBe(14);
    await new Promise((r) => setTimeout(r, 500));
    const triggers = mine()
      .slice(1)
      .map((e) => e.data.triggerCount);
    expect(triggers).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(new Set(mine().map((e) => e.id)).size).toBe(14);
    expect(new Set(follower.events.map((e) => e.id)).size).toBe(follower.events.length);
    follower.close();
  },
  120_000,
);
