import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startHost } from '../e2e/support/studio';

const root = path.join(__dirname, '..');
const LOADS = Number(process.env.BENCH_PAINT_LOADS ?? 5);

type PaintTimes = Readonly<{ navMs: number; interactiveMs: number; fcpMs: number | null }>;

/**
 * Runs in the page before its own scripts. "First interactive paint", as measured here: from the
 * navigation's start (performance.timeOrigin) until (1) the main navigation is on screen — a
 * `nav[aria-label="Main"]` holding at least two buttons, seen in a requestAnimationFrame callback,
 * i.e. at a frame — and (2) it responds: a click on the nav button that is not the current page is
 * handled and that button becomes `aria-current="page"` at a following frame. The same script runs
 * on the baseline page, a static page with the same nav made by a 10-line inline script.
 */
const MEASURE_IN_PAGE = `(() => {
  let navMs = null;
  let target = null;
  const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  const frame = () => {
    if (navMs === null) {
      const buttons = Array.from(document.querySelectorAll('nav[aria-label="Main"] button'));
      if (buttons.length >= 2) {
        navMs = performance.now();
        target = buttons.find((b) => b.getAttribute('aria-current') !== 'page') ?? null;
        if (target) target.click();
      }
    } else if (target && target.getAttribute('aria-current') === 'page') {
      window.__paint = { navMs, interactiveMs: performance.now(), fcpMs: fcp() };
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

const BASELINE = `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body>
<nav aria-label="Main"></nav><script>
const nav = document.querySelector('nav');
for (const name of ['Studio', 'Drafts', 'Settings']) {
  const b = document.createElement('button');
  b.textContent = name;
  if (name === 'Studio') b.setAttribute('aria-current', 'page');
  b.onclick = () => { for (const o of nav.children) o.removeAttribute('aria-current'); b.setAttribute('aria-current', 'page'); };
  nav.append(b);
}
</script></body></html>`;

async function timeLoads(page: Page, url: string): Promise<PaintTimes[]> {
  const times: PaintTimes[] = [];
  // The first load warms the HTTP cache and the host (as a user's second visit); the rest are measured.
  for (let i = 0; i <= LOADS; i++) {
    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __paint?: unknown }).__paint !== undefined, null, { timeout: 60_000 });
    // Chromium files its first-contentful-paint entry a little after the frame: read it now.
    const t = await page.evaluate(() => {
      const paint = (window as unknown as { __paint: PaintTimes }).__paint;
      return { ...paint, fcpMs: paint.fcpMs ?? performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null };
    });
    if (i > 0) times.push(t);
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `npm run bench -- studio`, first part: the browser-hosted studio's first interactive paint against a static page's. */
export async function runFirstPaint(): Promise<void> {
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anchor-bench-paint-'));
  const host = await startHost(dataDir);
  const baseline = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(BASELINE));
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // A plain string: tsx's transform would add helpers to a function that the page does not have.
    await context.addInitScript({ content: MEASURE_IN_PAGE });
    const page = await context.newPage();
    // The token sets the studio's cookie; later loads open /drafts as a bookmark would.
    await page.goto(host.url);
    const drafts = new URL('/drafts', host.origin).toString();
    const load = os.loadavg()[0]!;
    const studio = await timeLoads(page, drafts);
    const blank = await timeLoads(page, `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/`);
    const fmt = (xs: readonly PaintTimes[], key: keyof PaintTimes): string => {
      const values = xs.map((x) => x[key]).filter((v): v is number => v !== null);
      return values.length ? `${(median(values) / 1000).toFixed(3)} s (min ${(Math.min(...values) / 1000).toFixed(3)}, max ${(Math.max(...values) / 1000).toFixed(3)})` : 'n/a';
    };
    console.log(`first interactive paint, browser-hosted studio /drafts (median of ${LOADS} warm loads): ${fmt(studio, 'interactiveMs')}   goal ≤ 1.0 s`);
    console.log(`  nav on screen ${fmt(studio, 'navMs')}; Chromium's first contentful paint ${fmt(studio, 'fcpMs')}`);
    console.log(`baseline, a static page with the same nav:            ${fmt(blank, 'interactiveMs')} (nav ${fmt(blank, 'navMs')})`);
    console.log(`ratio studio/baseline (median): ${(median(studio.map((s) => s.interactiveMs)) / median(blank.map((s) => s.interactiveMs))).toFixed(1)}`);
    console.log(
      `machine: load avg ${load.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end, ${os.availableParallelism()} cores (shared with other jobs: noisy); headless Chromium, software rendering`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    baseline.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
