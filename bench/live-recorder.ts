/// <reference lib="dom" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/studio';
import { cpuBetween, cpuSnapshot, type CpuRow } from './live-cpu';

/** A recorder setting to cost: codec, bitrate, keyframe interval; `capture` captures the canvas without a recorder, `none` draws only (the baseline). */
interface RecorderCase {
  readonly codec: 'h264' | 'vp8' | 'vp9' | 'capture' | 'none';
  /** Frames sent as VideoFrames through a MediaStreamTrackGenerator (as the studio does, canvas-track.ts) instead of captureStream. */
  readonly generator?: boolean;
  readonly bitsPerSecond: number;
  readonly keyframeMs: number;
}

const CASES: readonly RecorderCase[] = [
  { codec: 'none', bitsPerSecond: 0, keyframeMs: 0 },
  { codec: 'capture', bitsPerSecond: 0, keyframeMs: 0 },
  { codec: 'h264', bitsPerSecond: 2_500_000, keyframeMs: 500 },
  { codec: 'h264', bitsPerSecond: 2_500_000, keyframeMs: 500, generator: true },
  { codec: 'h264', bitsPerSecond: 2_500_000, keyframeMs: 2000 },
  { codec: 'vp8', bitsPerSecond: 4_000_000, keyframeMs: 500 },
];

/**
 * The live capture's pipeline without the try-on: the 720p fake webcam drawn into a 2D canvas on
 * each of its frames, captureStream, MediaRecorder with 250 ms slices (as stream-capture.ts).
 */
const PAGE = `<!doctype html><canvas width=1280 height=720></canvas><video muted playsinline></video><script>
const video = document.querySelector('video');
const canvas = document.querySelector('canvas');
const context = canvas.getContext('2d', { alpha: false });
window.drawn = 0;
window.bytes = 0;
window.setup = async () => {
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
  await video.play();
  const onFrame = () => {
    context.drawImage(video, 0, 0, 1280, 720);
    window.drawn++;
    if (window.writer && window.writer.desiredSize > 0) window.writer.write(new VideoFrame(canvas, { timestamp: Math.round(performance.now() * 1000) }));
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
};
window.startRecorder = (mimeType, videoBitsPerSecond, videoKeyFrameIntervalDuration, generator) => {
  if (generator) {
    const track = new MediaStreamTrackGenerator({ kind: 'video' });
    window.writer = track.writable.getWriter();
    window.stream = new MediaStream([track]);
  } else window.stream = canvas.captureStream();
  if (!mimeType) return;
  const recorder = new MediaRecorder(window.stream, { mimeType, videoBitsPerSecond, videoKeyFrameIntervalDuration });
  recorder.ondataavailable = (e) => (window.bytes += e.data.size);
  recorder.start(250);
  window.recorder = recorder;
};
window.stopRecorder = async () => {
  if (window.recorder) await new Promise((resolve) => { window.recorder.onstop = resolve; window.recorder.stop(); });
  window.recorder = null;
  for (const track of window.stream.getTracks()) track.stop();
  window.writer?.releaseLock();
  window.writer = null;
};
</script>`;

const label = (c: RecorderCase): string =>
  c.codec === 'none'
    ? 'drawing only'
    : c.codec === 'capture'
      ? 'captureStream, no recorder'
      : `${c.codec} ${c.bitsPerSecond / 1e6} Mb/s, keyframe every ${c.keyframeMs} ms, ${c.generator ? 'VideoFrames through a track generator (the studio)' : 'captureStream'}`;
const sum = (rows: readonly CpuRow[], pick: (r: CpuRow) => boolean): number => rows.filter(pick).reduce((s, r) => s + r.percent, 0);

/**
 * What the recorder's settings cost in CPU at 720p30 (BENCH_LIVE_RECORDER=1 with `npm run bench --
 * live`): each case in turn, `rounds` times over, so load moves all of them alike; CPU from /proc
 * (live-cpu.ts), the encoder being the renderer's thread pool.
 */
export async function recorderCosts(webcam: string, seconds = 8, rounds = 3): Promise<void> {
  const server = http.createServer((_request, response) => response.setHeader('content-type', 'text/html').end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${webcam}`],
  });
  const totals = new Map<RecorderCase, { encoder: number[]; page: number[]; all: number[] }>(CASES.map((c) => [c, { encoder: [], page: [], all: [] }]));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(() => (window as unknown as { setup: () => Promise<void> }).setup());
    await page.waitForTimeout(2000);
    const read = (): Promise<{ drawn: number; bytes: number }> =>
      page.evaluate(() => ({ drawn: (window as unknown as { drawn: number }).drawn, bytes: (window as unknown as { bytes: number }).bytes }));
    console.log(`\nRecorder settings at 720p30 (the fake webcam drawn into a canvas, captured, recorded; ${seconds} s each, ${rounds} rounds)`);
    for (let round = 0; round < rounds; round++) {
      for (const c of CASES) {
        if (c.codec !== 'none')
          await page.evaluate(
            ([type, bps, keyframeMs, generator]) => (window as unknown as { startRecorder: (t: string, b: number, k: number, g: boolean) => void }).startRecorder(type, bps, keyframeMs, generator),
            [c.codec === 'capture' ? '' : `video/webm;codecs=${c.codec}`, c.bitsPerSecond, c.keyframeMs, c.generator === true] as const,
          );
        // Settled, and the previous case's encoder done with its last frames.
        await page.waitForTimeout(2000);
        const before = cpuSnapshot(process.pid);
        const from = await read();
        const startedAt = Date.now();
        await page.waitForTimeout(seconds * 1000);
        const rows = cpuBetween(before, cpuSnapshot(process.pid));
        const to = await read();
        const s = (Date.now() - startedAt) / 1000;
        const encoder = sum(rows, (r) => r.process === 'chromium renderer: studio' && r.thread === 'thread pool');
        const pageThread = sum(rows, (r) => r.process === 'chromium renderer: studio' && r.thread === 'main thread');
        const all = sum(rows, (r) => r.process.startsWith('chromium'));
        totals.get(c)!.encoder.push(encoder);
        totals.get(c)!.all.push(all);
        totals.get(c)!.page.push(pageThread);
        console.log(
          `  ${label(c)}: Chromium ${all.toFixed(0)} % of a core, of which the page's thread ${pageThread.toFixed(0)} %, the renderer's thread pool (the encoder) ${encoder.toFixed(0)} %; ${((to.drawn - from.drawn) / s).toFixed(1)} fps, ${(((to.bytes - from.bytes) * 8) / s / 1000).toFixed(0)} kb/s (load ${os.loadavg()[0]!.toFixed(2)})`,
        );
        if (c.codec !== 'none') await page.evaluate(() => (window as unknown as { stopRecorder: () => Promise<void> }).stopRecorder());
      }
    }
    const mean = (xs: readonly number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0);
    for (const [c, t] of totals) console.log(`  mean, ${label(c)}: Chromium ${mean(t.all)} %, page thread ${mean(t.page)} %, encoder ${mean(t.encoder)} %`);
  } finally {
    await browser.close();
    server.close();
  }
}
