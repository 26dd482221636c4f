import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AuthResponse } from '@shared/protocol/auth';
import { Video, type AnchorInput } from '@shared/protocol/videos';
import { repoRoot, facesDir, testOutput } from './support/paths';
import { CHROMIUM, CHROMIUM_ARGS } from './support/studio';

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface PlatformProcess {
  readonly origin: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** `npm run platform`'s server (platform/server.ts) as a real child process serving the built viewer app at `/`. */
export async function startPlatform(): Promise<PlatformProcess> {
  if (!existsSync(path.join(repoRoot, 'out', 'viewer', 'index.html'))) throw new Error('Build the viewer first: npm run build:viewer');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-viewer-e2e-'));
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(repoRoot, 'platform', 'server.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PLATFORM_LOG_LEVEL: 'warn', PLATFORM_DATABASE_URL: '' },
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(http:\/\/\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[1]!).origin);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
  return {
    origin,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Registers an account through the API (bearer, as the studio does) and returns its token. */
export async function registerCreator(origin: string, handle: string, displayName: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, password: 'creator-pass-1', displayName }),
  });
  if (res.status !== 201) throw new Error(`register ${handle}: ${res.status} ${await res.text()}`);
  return AuthResponse.parse(await res.json()).token;
}

let clip: Buffer | null = null;
/** A 4 s H.264 clip of a test face (Grace Hopper), slowly zooming, made with Debian's ffmpeg. */
function faceClip(): Buffer {
  if (clip) return clip;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'viewer-clip-'));
  const file = path.join(dir, 'face.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-loop',
    '1',
    '-i',
    path.join(facesDir, 'grace_hopper.jpg'),
    '-vf',
    "scale=512:600,zoompan=z='1+0.0015*on':d=1:s=512x600:fps=25,format=yuv420p",
    '-t',
    '4',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-movflags',
    '+faststart',
    file,
  ]);
  clip = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  return clip;
}

/** Posts a public video with anchors as a creator would (tus upload, then POST /videos). */
export async function postVideo(origin: string, token: string, title: string, anchors: readonly AnchorInput[]): Promise<Video> {
  const bytes = faceClip();
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await fetch(`${origin}/api/v1/uploads`, {
    method: 'POST',
    headers: { ...auth, 'upload-length': String(bytes.length), 'upload-metadata': `filename ${Buffer.from('face.mp4').toString('base64')}` },
  });
  if (created.status !== 201) throw new Error(`upload: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, origin).toString();
  const patched = await fetch(location, { method: 'PATCH', headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
  if (patched.status !== 204) throw new Error(`upload patch: ${patched.status} ${await patched.text()}`);
  const uploadId = location.split('/').at(-1)!;
  const res = await fetch(`${origin}/api/v1/videos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ uploadId, title, visibility: 'public', anchors, idempotencyKey: `viewer-e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` }),
  });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  return Video.parse(await res.json());
}

export interface ViewerBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors (CSP violations show up here). */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Debian's Chromium at a viewport, on a fresh profile. */
/** Opens `pathname` on the platform (null: a blank page, for a test that adds init scripts first). */
export async function openViewer(viewport: Readonly<{ width: number; height: number }>, origin: string, pathname: string | null = '/', chromiumArgs: readonly string[] = []): Promise<ViewerBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...chromiumArgs] });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  if (pathname !== null) await page.goto(origin + pathname);
  return { browser, context, page, problems, close: () => browser.close() };
}

/** A screenshot of the page into test-output/viewer/<name>-<width>x<height>.png. */
export async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.screenshot({ path: testOutput('viewer', `${name}-${size.width}x${size.height}.png`) });
}

export interface FeedTiming {
  /** Navigation start → DOMContentLoaded, → the first video card in the DOM, → time to interactive. */
  readonly domContentLoadedMs: number;
  readonly firstCardMs: number;
  /** The first card is there and no long task (> 50 ms) ran for 2 s after it; the last long task's end, or the first card. */
  readonly interactiveMs: number;
  readonly longTasks: number;
  readonly shellBytes: number;
}

/** Loads the feed cold in `page` (fresh profile) and measures when it became usable (Chromium's long-task API). */
export async function measureFeed(page: Page, origin: string): Promise<FeedTiming> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: Array<{ end: number }>; __firstCard: number | null };
    w.__long = [];
    w.__firstCard = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ end: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_m, observer) => {
      if (document.querySelector('.video-card')) {
        w.__firstCard = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${origin}/`);
  await page.locator('.video-card').first().waitFor();
  await page.waitForTimeout(2000);
  return page.evaluate(() => {
    const w = window as unknown as { __long: Array<{ end: number }>; __firstCard: number };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const lastLong = w.__long.reduce((m, t) => Math.max(m, t.end), 0);
    const scripts = performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/')) as PerformanceResourceTiming[];
    return {
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      firstCardMs: Math.round(w.__firstCard),
      interactiveMs: Math.round(Math.max(w.__firstCard, lastLong)),
      longTasks: w.__long.length,
      shellBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
    };
  });
}

/** Uploads the test face clip (a real 4 s H.264 MP4) as `token`'s tus upload and returns its id (an intro video, a delivered order). */
export async function uploadClip(origin: string, token: string): Promise<string> {
  const bytes = faceClip();
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await fetch(`${origin}/api/v1/uploads`, {
    method: 'POST',
    headers: { ...auth, 'upload-length': String(bytes.length), 'upload-metadata': `filename ${Buffer.from('clip.mp4').toString('base64')}` },
  });
  if (created.status !== 201) throw new Error(`upload: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, origin).toString();
  const patched = await fetch(location, { method: 'PATCH', headers: { ...auth, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
  if (patched.status !== 204) throw new Error(`upload patch: ${patched.status} ${await patched.text()}`);
  return location.split('/').at(-1)!;
}

/** A JSON call to the platform's API as `token` (the studio's bearer session); throws on a non-2xx answer. */
export function apiAs(origin: string, token: string): (path: string, init?: RequestInit) => Promise<unknown> {
  return async (path, init = {}) => {
    const res = await fetch(`${origin}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

export interface InProcessPlatform {
  readonly origin: string;
  /** The sandbox merchant's key (fixed for the test). */
  readonly merchantKey: string;
  stop(): Promise<void>;
}

/**
 * The platform inside the test process, on loopback, serving the built viewer app, with the given
 * clock: every stored time, gift window, event time and job comes from it. For tests about times of
 * day (the breakfast gifts at 08:30 room time) that a child process on the real clock cannot reach.
 */
export async function startPlatformWithClock(now: () => number): Promise<InProcessPlatform> {
  if (!existsSync(path.join(repoRoot, 'out', 'viewer', 'index.html'))) throw new Error('Build the viewer first: npm run build:viewer');
  const { buildPlatform } = await import('@platform/app');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-viewer-clock-e2e-'));
  const merchantKey = 'e2e-sandbox-merchant-key-000000';
  const app = await buildPlatform({
    dataDir,
    webAppDir: path.join(repoRoot, 'out', 'viewer'),
    now,
    seed: { items: [], viewers: [] },
    sandboxMerchantKey: merchantKey,
    giftMediaDir: path.join(repoRoot, 'resources', 'gifts'),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin: new URL(address).origin,
    merchantKey,
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
