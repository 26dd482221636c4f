/// <reference lib="dom" />
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJournal } from '@shared/domain/recording/journal';
import { fakeWebcamArgs, fakeWebcamFile } from '../e2e/fake-webcam';
import { launchStudio } from '../e2e/support/studio';
import { runEncodeWhileRecording } from './recording-encode';

const root = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_RECORD_SECONDS ?? 30);
const FPS = 30;
const CANVAS = 'canvas[aria-label="Try-on preview"]';

/** Presentation times (s) of the video packets of a WebM, in order. */
function videoTimes(file: string): number[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => Number.parseFloat(line))
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
}

/**
 * Recording part of `npm run bench`: the real shooting page in Chromium, fake webcam (a face photo
 * panning and zooming, 640×480 at 30 fps), tracking on and a lipstick look, records SECONDS through
 * MediaRecorder → chunks → the main side's crash-safe file. Dropped frames = frames the take should
 * have at 30 fps minus the video frames in the file; target ≤ 1 %.
 */
export async function run(): Promise<void> {
  await runEncodeWhileRecording();
  // BENCH_RECORDING_BROWSER=0: the encode figures only (the browser take needs a built renderer and Chromium).
  if (process.env.BENCH_RECORDING_BROWSER === '0') return;
  await runBrowserTake();
}

async function runBrowserTake(): Promise<void> {
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const studio = await launchStudio({ path: '/studio', chromiumArgs: fakeWebcamArgs(fakeWebcamFile()) });
  try {
    const { page } = studio;
    await page.getByText('Start your camera or open a photo').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: /Velvet Rouge Lipstick/ }).click();
    await page.getByRole('button', { name: 'Shoot a video with this look' }).click();
    await page.getByRole('heading', { name: 'Shoot', level: 1 }).waitFor();
    await page.waitForFunction((s) => document.querySelector(s) !== null, CANVAS);
    await page.getByRole('button', { name: 'Record' }).waitFor();
    // The shooting page's own engine must have a face before the take counts.
    await page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => (c.dataset.debug = 'on'));
    await page.waitForFunction((s) => document.querySelector<HTMLCanvasElement>(s)?.dataset.face === 'found', CANVAS, { timeout: 60_000 });
    const load = os.loadavg()[0]!;
    // Frames the engine drew (the debug readout counts them) while not recording, then while recording.
    const drawn = (): Promise<number> => page.locator(CANVAS).evaluate((c: HTMLCanvasElement) => Number(c.dataset.frames ?? 0));
    const idleFrom = await drawn();
    await page.waitForTimeout(5000);
    const idleFps = ((await drawn()) - idleFrom) / 5;
    // Where frames go missing: frames the canvas capture itself delivers (no encoder), over 10 s, before the take.
    const captureFps = await page
      .evaluate(async (selector) => {
        const canvas = document.querySelector<HTMLCanvasElement>(selector);
        const track = canvas?.captureStream().getVideoTracks()[0];
        const Processor = (window as unknown as { MediaStreamTrackProcessor?: new (o: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> } }).MediaStreamTrackProcessor;
        if (!track || !Processor) return null;
        const reader = new Processor({ track }).readable.getReader();
        let frames = 0;
        const until = performance.now() + 10_000;
        while (performance.now() < until) {
          const { value, done } = await reader.read();
          if (done) break;
          value.close();
          frames++;
        }
        track.stop();
        return frames / 10;
      }, CANVAS)
      .catch(() => null);
    await page.getByRole('button', { name: 'Record' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor({ timeout: 15_000 });
    const recFrom = await drawn();
    await page.waitForTimeout(SECONDS * 1000);
    const recordingFps = ((await drawn()) - recFrom) / SECONDS;
    await page.getByRole('button', { name: 'Stop' }).click();

    await page.getByRole('heading', { name: 'Preview', level: 1 }).waitFor({ timeout: 60_000 });
    const draftId = new URL(page.url()).pathname.split('/')[2]!;
    const dir = path.join(studio.dataDir, 'drafts', draftId);
    const journal = parseJournal(readFileSync(path.join(dir, 'capture.journal.jsonl'), 'utf8'));
    const stop = journal.entries.find((e) => e.type === 'stop');
    const mediaMs = stop?.t ?? SECONDS * 1000;
    const take = ['capture.webm', 'capture.mp4'].map((f) => path.join(dir, f)).find((f) => existsSync(f))!;
    const times = videoTimes(take);
    const expected = Math.round((mediaMs / 1000) * FPS);
    const dropped = Math.max(0, expected - times.length);
    let gaps = 0;
    for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > 1.5 / FPS) gaps++;
    const lastFrame = times.at(-1) ?? 0;
    console.log(
      `take: ${path.basename(take)} ${(mediaMs / 1000).toFixed(2)} s at ${FPS} fps expected ${expected} frames; file has ${times.length} video frames (last at ${lastFrame.toFixed(2)} s); ${journal.entries.filter((e) => e.type === 'face').length} face samples`,
    );
    console.log(`dropped frames: ${dropped} (${((dropped / Math.max(1, expected)) * 100).toFixed(1)} %)   target ≤ 1 %;  gaps longer than 1.5 frames: ${gaps}`);
    console.log(`engine frames drawn: ${idleFps.toFixed(1)} fps before the take, ${recordingFps.toFixed(1)} fps while recording (the recorder can only keep what is drawn)`);
    console.log(`canvas capture alone (no encoder), before the take: ${captureFps === null ? 'not measurable here' : `${captureFps.toFixed(1)} fps`}`);
    console.log(`machine: load avg ${load.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end, on ${os.cpus().length} cores; software WebGL, tracker on wasm`);
  } finally {
    await studio.close();
  }
}
