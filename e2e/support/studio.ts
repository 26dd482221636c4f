import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot } from './paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags measured to work headless here (../shared/FACTS.md): no sandbox as root, no background network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. a fake webcam. */
  readonly chromiumArgs?: readonly string[];
  /** Reuse a data directory (e.g. to test a restart); a fresh temp one otherwise. */
  readonly dataDir?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The app route to open first (`/drafts`, `/studio`…); the default page otherwise. */
  readonly path?: string;
}

export interface StudioSession {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly browser: Browser;
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  /** Console errors and uncaught page errors seen so far (CSP violations show up here). */
  readonly problems: string[];
  readonly hostOutput: () => string;
  /** The host process itself (to kill it mid-take, say). */
  readonly host: HostProcess;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface HostProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly origin: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts the browser-hosted studio (`electron/web`) as a real child process and waits for its URL. */
export async function startHost(dataDir: string, extraArgs: readonly string[] = []): Promise<HostProcess> {
  if (!existsSync(path.join(repoRoot, 'out', 'renderer', 'index.html'))) throw new Error('Build first: npx electron-vite build');
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(repoRoot, 'electron', 'web', 'index.ts'), '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STUDIO_LOG_LEVEL: 'warn' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`studio exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Starts the browser-hosted studio on a free port and opens it in Debian's Chromium. */
export async function launchStudio(options: LaunchOptions = {}): Promise<StudioSession> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'anchor-studio-e2e-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])] });
  // playwright gives every launch a fresh temporary profile of its own.
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const first = new URL(host.url);
  first.pathname = options.path ?? '/';
  await page.goto(first.toString());
  return {
    page,
    context,
    browser,
    url: host.url,
    origin: host.origin,
    dataDir,
    problems,
    hostOutput: host.output,
    host,
    close: async ({ keepData = false } = {}) => {
      await browser.close().catch(() => undefined);
      await host.stop();
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a page from the main navigation by its name ("Drafts", "Studio", …). */
export async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Take photo on the Studio or Shoot page; resolves with the "Photo saved" toast once it shows (it holds "Open in Drafts"). */
export async function takePhoto(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Take photo' }).click();
  const toast = page.getByRole('group', { name: 'Photo saved' });
  await toast.waitFor({ timeout: 15_000 });
  return toast;
}

/**
 * A new account on the studio's embedded platform, signed in from Settings (Live and posting need
 * one): registered over the platform's API, then signed in as a creator would.
 */
export async function signInNewAccount(studio: StudioSession, handle: string, displayName: string, password = 'long-enough-pass'): Promise<void> {
  const platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!;
  const registered = await fetch(`${platformUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, password, displayName }),
  });
  if (registered.status !== 201) throw new Error(`registering ${handle}: ${registered.status} ${await registered.text()}`);
  await openPage(studio.page, 'Settings');
  await studio.page.getByRole('textbox', { name: 'Handle' }).fill(handle);
  await studio.page.getByLabel('Password').fill(password);
  await studio.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await studio.page.getByText('Signed in as').waitFor({ timeout: 30_000 });
}

/**
 * On the Preview page after a take: waits for its MP4 export or for the export's failure, whichever
 * comes first (a shared machine can be slow). True when the export is there.
 */
export async function waitForExport(page: Page): Promise<boolean> {
  const exported = page.locator('video[src*="export.mp4"]');
  await exported.or(page.getByRole('alert').filter({ hasText: 'export failed' })).waitFor({ timeout: 150_000 });
  return (await exported.count()) === 1;
}

/** Process ids started by `pid`, children first found (Linux /proc). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while listing
    }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    const next = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** Kills the host as a crash would (SIGKILL), with the node process tsx runs it in, and waits until it is gone. */
export async function killHost(host: HostProcess): Promise<void> {
  const { child } = host;
  const gone = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  for (const pid of [...descendants(child.pid!), child.pid!]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await gone;
}
