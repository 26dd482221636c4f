/// <reference lib="dom" />
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { clockAgeMs, clockLayout, decodeClock, toOutput } from '../renderer/pages/live/stream-layout';
import { fakeWebcamArgs } from '../e2e/fake-webcam';
import { grabPlayerFrame, videoSize, waitPlaying } from '../e2e/support/live-player';
import { facesDir } from '../e2e/support/paths';
import { launchStudio, openPage, type StudioSession } from '../e2e/support/studio';
import { cpuBetween, cpuSnapshot, printCpu, rendererPids, type CpuRow } from './live-cpu';
import { recorderCosts } from './live-recorder';
import { printSplit, readFragments, type FragmentReading } from './live-split';

const root = path.join(__dirname, '..');
const CANVAS = 'canvas[aria-label="Try-on preview"]';
const VIDEO = '[data-testid="live-video"]';
/** Seconds of glass-to-glass readings per case (4 a second). */
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 15);
/** BENCH_LIVE_ONLY_ONE=1: the one-destination case alone (to compare player or ingest settings in half the time). */
const ONLY_ONE = process.env.BENCH_LIVE_ONLY_ONE === '1';
/** BENCH_LIVE_RECORDER=1: then the recorder's codec, bitrate and keyframe settings alone, by their CPU (live-recorder.ts). */
const RECORDER = process.env.BENCH_LIVE_RECORDER === '1';

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A 1280×720 30 fps fake webcam of Grace Hopper, zooming slowly so frames differ (Chromium loops it). */
function webcam720p(): string {
  const dir = path.join(os.tmpdir(), 'anchor-studio-fake-webcam');
  const file = path.join(dir, 'grace-1280x720-zoom.y4m');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.part.y4m`;
  const filter = "scale=1280:-2,scale=w='1280*(1.04+0.04*sin(2*PI*t/2))':h=-2:eval=frame,crop=1280:720:(in_w-1280)/2:300,format=yuv420p";
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-framerate', '30', '-i', path.join(facesDir, 'grace_hopper.jpg'), '-vf', filter, '-t', '2', '-r', '30', partial]);
  renameSync(partial, file);
  return file;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A stand-in for a second RTMP service: takes the stream and throws it away without decoding (-c copy). */
function rtmpSink(port: number, key: string): ChildProcess {
  return spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-listen', '1', '-f', 'flv', '-i', `rtmp://127.0.0.1:${port}/live/${key}`, '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' });
}

/** Waits until something listens on 127.0.0.1:`port` (read from /proc/net/tcp: a probe connection would use up ffmpeg's one -listen). */
async function listening(port: number): Promise<void> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    if (
      readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .some((line) => line.split(/\s+/)[2]?.endsWith(hex) && line.split(/\s+/)[4] === '0A')
    )
      return;
  }
  throw new Error(`nothing listens on port ${port}`);
}

/** Frames the engine drew (the debug readout counts them) over `ms`, per second. */
async function tryOnFps(page: Page, ms: number): Promise<number> {
  const drawn = (): Promise<number> => page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => Number(c.dataset.frames ?? 0));
  const from = await drawn();
  const t = Date.now();
  await page.waitForTimeout(ms);
  return ((await drawn()) - from) / ((Date.now() - t) / 1000);
}

/** The clock the studio drew into the frame now on the viewer's screen: its age (ms), or null when unreadable. */
async function readClock(viewer: Page, source: { width: number; height: number }, video: { width: number; height: number }): Promise<number | null> {
  // Each block's centre, in the decoded picture (the encoder scales and pads the studio's frame).
  const map = toOutput(source, video);
  const points = clockLayout(source.width, source.height).blocks.map((b) => map(b.x + b.width / 2, b.y + b.height / 2).map(Math.round));
  const frame = await grabPlayerFrame(
    viewer,
    points.map(([x, y]) => ({ x: x! - 1, y: y! - 1, width: 3, height: 3 })),
  );
  if (!frame) return null;
  const bits = frame.boxes.map((d) => {
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i]! + d[i + 1]! + d[i + 2]!;
    return sum / 27 > 128;
  });
  const age = clockAgeMs(decodeClock(bits), frame.at);
  // A misread block gives a wild value: anything outside 0–60 s is not a reading.
  return age < 60_000 ? age : null;
}

/** The health row's figures for a destination, parsed from its text. */
async function health(page: Page, name: string): Promise<{ fps: number; dropped: number; lagS: number; cpu: number; kbps: number }> {
  const row = page.getByRole('listitem', { name: new RegExp(`^${name}: `) });
  const figures = Object.fromEntries(await row.locator('[data-figure]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-figure'), e.textContent ?? ''])));
  const num = (text: string | undefined): number => Number((/([\d.,]+)/.exec(text ?? '')?.[1] ?? 'NaN').replace(/,/g, ''));
  return { fps: num(figures.fps), dropped: num(figures.dropped), lagS: num(figures.lag), cpu: num(figures.cpu), kbps: num(figures.kbps) };
}

interface CaseResult {
  readonly latencies: number[];
  readonly misreads: number;
  /** Try-on fps while streaming, nothing else running (the streamer's machine). */
  readonly tryOnFps: number;
  /** The same while the bench's viewer plays the stream on the same cores (glass-to-glass pass). */
  readonly tryOnFpsViewer: number;
  /** CPU by process and thread over each of the two windows. */
  readonly cpu: CpuRow[];
  readonly cpuViewer: CpuRow[];
  readonly loadStreaming: string;
  readonly destinations: Record<string, { fps: number; dropped: number; lagS: number; cpu: number[]; kbps: number }>;
  readonly streamedS: number;
  readonly load: string;
  /** The room's HLS fragments as the playlist listed them (live-split.ts). */
  readonly fragments: FragmentReading[];
  /** The viewer's player while glass to glass was read: times it ran dry ('waiting'), ms spent so, highest playback rate seen. */
  readonly player: PlayerWatch;
}

interface PlayerWatch {
  readonly rebuffers: number;
  readonly stalledMs: number;
  readonly maxRate: number;
  /** Playlist requests, and how many carried LL-HLS's `_HLS_msn` (held by the origin until the next fragment is listed). */
  readonly playlists: number;
  readonly blocking: number;
}

/**
 * Counts the viewer's rebuffers from now on: each 'waiting' on the live <video> (it ran out of
 * picture) and how long until it played again, plus the highest playbackRate (hls.js catching up).
 * Kept on the element's dataset, read back by `readWatch`.
 */
function watchPlayer(viewer: Page): Promise<void> {
  return viewer.locator(VIDEO).evaluate((element) => {
    const video = element as HTMLVideoElement;
    const d = video.dataset;
    d.benchRebuffers = '0';
    d.benchStalledMs = '0';
    d.benchMaxRate = String(video.playbackRate);
    performance.setResourceTimingBufferSize(100_000);
    performance.clearResourceTimings();
    let since = 0;
    video.addEventListener('waiting', () => {
      d.benchRebuffers = String(Number(d.benchRebuffers) + 1);
      since = performance.now();
    });
    video.addEventListener('playing', () => {
      if (since > 0) d.benchStalledMs = String(Number(d.benchStalledMs) + performance.now() - since);
      since = 0;
    });
    video.addEventListener('ratechange', () => {
      d.benchMaxRate = String(Math.max(Number(d.benchMaxRate), video.playbackRate));
    });
  });
}

function readWatch(viewer: Page): Promise<PlayerWatch> {
  return viewer.locator(VIDEO).evaluate((element) => {
    const d = (element as HTMLVideoElement).dataset;
    const playlists = performance.getEntriesByType('resource').filter((e) => e.name.includes('.m3u8'));
    return {
      rebuffers: Number(d.benchRebuffers),
      stalledMs: Number(d.benchStalledMs),
      maxRate: Number(d.benchMaxRate),
      playlists: playlists.length,
      blocking: playlists.filter((e) => e.name.includes('_HLS_msn=')).length,
    };
  });
}

async function streamCase(studio: StudioSession, platformUrl: string, roomId: string, destinations: readonly string[]): Promise<CaseResult> {
  const { page } = studio;
  const panel = page.getByRole('region', { name: 'Video stream' });
  const startedAt = Date.now();
  await panel.getByRole('button', { name: 'Start streaming' }).click();
  for (const d of destinations) {
    await panel
      .getByRole('listitem', { name: `${d}: Live` })
      .waitFor({ timeout: 120_000 })
      .catch(async (e: unknown) => {
        console.log(`  ${d} never went live: ${await panel.getByRole('list', { name: 'Stream health' }).textContent()}`);
        throw e;
      });
  }
  const source = await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  const samples: Record<string, Array<Awaited<ReturnType<typeof health>>>> = Object.fromEntries(destinations.map((d) => [d, []]));
  // The streamer's machine as it is live: nobody plays the stream on it. Try-on fps and the CPU
  // table are taken in this window; the viewer below decodes the stream on the same 2 cores.
  await page.waitForTimeout(2000);
  const cpuBefore = cpuSnapshot(process.pid);
  const fpsStreaming = tryOnFps(page, SECONDS * 1000);
  for (let i = 0; i < SECONDS; i++) {
    for (const d of destinations) samples[d]!.push(await health(page, d));
    await page.waitForTimeout(1000);
  }
  const tryOnFpsStreaming = await fpsStreaming;
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(process.pid));
  const loadStreaming = load();
  const studioRenderers = rendererPids(process.pid);
  const context = await studio.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const viewer = await context.newPage();
  try {
    await viewer.goto(`${platformUrl}/live/${roomId}`);
    await waitPlaying(viewer, 0.5, { timeout: 60_000, polling: 100 });
    // hls.js starts at the newest fragment and settles back to its sync point.
    await viewer.waitForTimeout(3000);
    const video = await videoSize(viewer);
    const latencies: number[] = [];
    let misreads = 0;
    await watchPlayer(viewer);
    const viewerRenderers = new Set([...rendererPids(process.pid)].filter((pid) => !studioRenderers.has(pid)));
    const cpuViewerBefore = cpuSnapshot(process.pid, viewerRenderers);
    const fps = tryOnFps(page, SECONDS * 1000);
    for (let i = 0; i < SECONDS * 4; i++) {
      const age = await readClock(viewer, source, video);
      if (age === null) misreads++;
      else latencies.push(age);
      await viewer.waitForTimeout(250);
    }
    const cpuViewer = cpuBetween(cpuViewerBefore, cpuSnapshot(process.pid, viewerRenderers));
    const player = await readWatch(viewer);
    // The split in a pass of its own: it decodes every fragment with ffmpeg, which would take CPU from the try-on counted above.
    const fragments = await readFragments(`${platformUrl}/live/${roomId}/index.m3u8`, source, video, SECONDS * 1000);
    // The last figure each column had (a column shows a dash while ffmpeg reports nothing new), CPU over every sample.
    const last = (xs: readonly number[]): number => xs.filter(Number.isFinite).at(-1) ?? Number.NaN;
    const figures: CaseResult['destinations'] = {};
    for (const d of destinations) {
      const h = samples[d]!;
      figures[d] = {
        fps: last(h.map((x) => x.fps)),
        dropped: last(h.map((x) => x.dropped)),
        lagS: last(h.map((x) => x.lagS)),
        kbps: last(h.map((x) => x.kbps)),
        cpu: h.map((x) => x.cpu).filter(Number.isFinite),
      };
    }
    return {
      latencies,
      misreads,
      tryOnFps: tryOnFpsStreaming,
      tryOnFpsViewer: await fps,
      cpu,
      cpuViewer,
      loadStreaming,
      destinations: figures,
      streamedS: (Date.now() - startedAt) / 1000,
      load: load(),
      fragments,
      player,
    };
  } finally {
    await context.close();
    await panel.getByRole('button', { name: 'Stop streaming' }).click();
    await panel.getByRole('button', { name: 'Start streaming' }).waitFor({ timeout: 30_000 });
  }
}

function print(title: string, r: CaseResult): void {
  console.log(`\n${title} (load average after: ${r.load}; streamed ${r.streamedS.toFixed(0)} s)`);
  console.log(
    `  glass to glass (compositor draw -> frame decoded in the viewer's player), ${r.latencies.length} readings, ${r.misreads} unreadable: p50 ${quantile(r.latencies, 0.5).toFixed(0)} ms, p95 ${quantile(r.latencies, 0.95).toFixed(0)} ms, min ${Math.min(...r.latencies).toFixed(0)} ms (goal p50 <= 2000 ms)`,
  );
  console.log(
    `  viewer's player meanwhile: ${r.player.rebuffers} rebuffers (${r.player.stalledMs.toFixed(0)} ms without picture), playback rate up to ${r.player.maxRate}; ${r.player.playlists} playlist requests, ${r.player.blocking} held until the next fragment (_HLS_msn)`,
  );
  printSplit(r.fragments, quantile(r.latencies, 0.5));
  console.log(`  try-on fps while streaming (tracking on, lipstick; no viewer on this machine; load ${r.loadStreaming}): ${r.tryOnFps.toFixed(1)} (goal >= 28)`);
  printCpu(`CPU over those ${SECONDS} s`, r.cpu);
  console.log(`  try-on fps while the bench's viewer also plays the stream on these cores (glass-to-glass pass; not a streamer's case): ${r.tryOnFpsViewer.toFixed(1)}`);
  printCpu('CPU over the glass-to-glass pass', r.cpuViewer);
  for (const [name, d] of Object.entries(r.destinations)) {
    const cpu = d.cpu.length > 0 ? `${(d.cpu.reduce((a, b) => a + b, 0) / d.cpu.length).toFixed(0)} % of a core (mean of ${d.cpu.length} samples, max ${Math.max(...d.cpu)} %)` : 'n/a';
    console.log(`  ${name}: encoder ${d.fps} fps, ${d.kbps} kb/s, ${d.dropped} dropped frames, ${d.lagS} s behind; ffmpeg CPU ${cpu}`);
  }
}

/** The same with a second destination: a local RTMP sink that takes the stream (no decoding), as a service would. */
async function twoDestinations(studio: StudioSession, platformUrl: string, roomId: string, sinks: ChildProcess[]): Promise<void> {
  const port = await freePort();
  const key = 'bench_second_key_1';
  const { page } = studio;
  const panel = page.getByRole('region', { name: 'Video stream' });
  await panel.getByRole('button', { name: 'Add a custom destination' }).click();
  const form = panel.getByRole('form', { name: 'Add a custom destination' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Second RTMP');
  await form.getByRole('textbox', { name: 'Server URL' }).fill(`rtmp://127.0.0.1:${port}/live`);
  await form.getByLabel('Stream key').fill(key);
  await form.getByRole('button', { name: 'Save destination' }).click();
  await panel.getByText('key ending', { exact: false }).waitFor();
  sinks.push(rtmpSink(port, key));
  await listening(port);
  print('Two destinations: the platform room + a second RTMP service', await streamCase(studio, platformUrl, roomId, ['Anchor Live', 'Second RTMP']));
}

/**
 * `npm run bench -- live`: the Live page in Chromium (a 1280×720 30 fps fake webcam, tracking on,
 * a lipstick) streams to the embedded platform's nginx (720p30, 2.5 Mb/s: the recorder's H.264
 * passed through, or x264 veryfast with STUDIO_LIVE_VIDEO=encode), and the
 * viewer's room page plays it with hls.js. The stream carries a clock (24 black/white blocks the
 * compositor draws from Date.now() when the preview canvas has data-stream-clock=on); the benchmark
 * reads it back from frames decoded in the viewer's <video> 4 times a second: glass to glass. Then
 * the same with a second destination (a local RTMP sink). Try-on fps from the engine's frame count,
 * dropped frames and ffmpeg's CPU from the health row (electron/services/live-stream/process-cpu.ts),
 * counted while streaming with no viewer open (a streamer does not play their own stream on the
 * machine that makes it), with a CPU table by process and thread (live-cpu.ts); then again while
 * the viewer plays, which is the bench's own load on the same cores.
 * Then, in a pass of its own (it decodes with ffmpeg), the room's playlist is polled and each new
 * fragment's clocks read (live-split.ts): how much of glass to glass comes before nginx lists a
 * frame and how much is the player's.
 */
export async function run(): Promise<void> {
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(path.join(root, 'out', 'viewer', 'index.html'))) spawnSync('npm', ['run', 'build:viewer'], { cwd: root, stdio: 'inherit' });
  console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
  // The studio copies an H.264 capture by default; STUDIO_LIVE_VIDEO=encode makes every destination re-encode with x264.
  console.log(`video: ${process.env.STUDIO_LIVE_VIDEO === 'encode' ? 'x264 re-encode (STUDIO_LIVE_VIDEO=encode)' : 'H.264 passthrough where the capture allows (default)'}`);
  const studio = await launchStudio({ path: '/settings', viewport: { width: 1280, height: 800 }, chromiumArgs: fakeWebcamArgs(webcam720p()) });
  const sinks: ChildProcess[] = [];
  try {
    const { page } = studio;
    const platformUrl = /Platform: (\S+)/.exec(studio.hostOutput())![1]!;
    const password = 'long-enough-pass';
    const registered = await fetch(`${platformUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'bench_live', password, displayName: 'Bench Live' }),
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
    await page.getByRole('textbox', { name: 'Handle' }).fill('bench_live');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 30_000 });

    await openPage(page, 'Studio');
    await page.getByText('Start your camera or open a photo').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: /Velvet Rouge Lipstick/ }).click();
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await openPage(page, 'Live');
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => {
      c.dataset.debug = 'on';
      c.dataset.streamClock = 'on';
    });
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.face === 'found', CANVAS, { timeout: 60_000 });
    const size = await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`);
    const idleBefore = cpuSnapshot(process.pid);
    const idleFps = await tryOnFps(page, 5000);
    console.log(`try-on on the Live page before streaming: ${idleFps.toFixed(1)} fps (canvas ${size}, tracking on, lipstick; load ${load()})`);
    printCpu('CPU over those 5 s', cpuBetween(idleBefore, cpuSnapshot(process.pid)));

    await page.getByRole('textbox', { name: 'Room title' }).fill('Bench live');
    await page.getByRole('button', { name: 'Go Live' }).click();
    await page.getByRole('status').filter({ hasText: 'On air' }).waitFor({ timeout: 30_000 });
    const rooms = (await (await fetch(`${platformUrl}/api/v1/rooms?live=true`)).json()) as { rooms: { id: string; streamer: { handle: string } }[] };
    const roomId = rooms.rooms.find((r) => r.streamer.handle === 'bench_live')!.id;

    print('One destination: the platform room (720p30, 2.5 Mb/s)', await streamCase(studio, platformUrl, roomId, ['Anchor Live']));

    if (!ONLY_ONE) await twoDestinations(studio, platformUrl, roomId, sinks);
  } finally {
    for (const s of sinks) s.kill('SIGKILL');
    await studio.close();
  }
  if (RECORDER) await recorderCosts(webcam720p());
}
