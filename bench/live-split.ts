import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { clockAgeMs, clockLayout, decodeClock, toOutput } from '../renderer/pages/live/stream-layout';

const run = promisify(execFile);

/** One HLS fragment as the playlist first listed it, with the clocks of its first and last frames. */
export interface FragmentReading {
  readonly name: string;
  /** ms from drawing the fragment's newest frame to the playlist listing it. */
  readonly newestAgeMs: number;
  /** ms from drawing its oldest frame to the listing. */
  readonly oldestAgeMs: number;
  readonly frames: number;
  /** Its length as the playlist says (#EXTINF), seconds. */
  readonly durationS: number;
}

/**
 * Where the time before HLS goes: polls the room's playlist every 50 ms; each new fragment is
 * fetched at once and ffmpeg decodes the clock row of its frames (the blocks the compositor draws
 * from Date.now(), cropped to one 3-pixel strip), so each fragment says how old its newest frame
 * (capture → recorder slice → main → ffmpeg → RTMP → nginx) and its oldest frame (plus the wait
 * for nginx to close the fragment at the next keyframe) were when the playlist listed it.
 */
export async function readFragments(playlistUrl: string, source: { width: number; height: number }, video: { width: number; height: number }, ms: number): Promise<FragmentReading[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-live-split-'));
  const map = toOutput(source, video);
  const centres = clockLayout(source.width, source.height).blocks.map((b) => map(b.x + b.width / 2, b.y + b.height / 2).map(Math.round) as [number, number]);
  const y = centres[0]![1];
  const seen = new Set<string>();
  const readings: FragmentReading[] = [];
  const pending: Promise<void>[] = [];
  let first = true;
  try {
    for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const response = await fetch(playlistUrl).catch(() => null);
      if (!response?.ok) continue;
      const listedAt = Date.now();
      const lines = (await response.text()).split('\n');
      for (const [index, name] of lines.entries()) {
        if (!name.endsWith('.ts')) continue;
        const durationS = Number(/^#EXTINF:([\d.]+)/.exec(lines[index - 1] ?? '')?.[1] ?? Number.NaN);
        if (seen.has(name)) continue;
        seen.add(name);
        // Those already listed when polling began were not seen arriving.
        if (first) continue;
        pending.push(
          (async () => {
            const bytes = Buffer.from(await (await fetch(new URL(name, playlistUrl))).arrayBuffer());
            const file = path.join(dir, name);
            writeFileSync(file, bytes);
            const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-vf', `crop=${video.width}:3:0:${y - 1}:exact=1,format=rgb24`, '-f', 'rawvideo', '-'], {
              encoding: 'buffer',
              maxBuffer: 64 * 1024 * 1024,
            });
            const stride = video.width * 3;
            const frameBytes = stride * 3;
            const frames = Math.floor(stdout.length / frameBytes);
            if (frames === 0) return;
            const clock = (f: number): number =>
              decodeClock(
                centres.map(([x]) => {
                  let sum = 0;
                  for (let row = 0; row < 3; row++) for (let dx = -1; dx <= 1; dx++) for (let c = 0; c < 3; c++) sum += stdout[f * frameBytes + row * stride + (x + dx) * 3 + c]!;
                  return sum / 27 > 128;
                }),
              );
            const newest = clockAgeMs(clock(frames - 1), listedAt);
            const oldest = clockAgeMs(clock(0), listedAt);
            // A misread clock gives a wild value.
            if (newest < 60_000 && oldest < 60_000 && oldest >= newest) readings.push({ name, newestAgeMs: newest, oldestAgeMs: oldest, frames, durationS });
          })().catch(() => {}),
        );
      }
      first = false;
    }
    await Promise.all(pending);
    return readings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The split printed beside glass to glass: what happens before the playlist lists a frame, and after. */
export function printSplit(readings: readonly FragmentReading[], glassToGlassP50: number): void {
  if (readings.length === 0) return console.log('  split: no fragment could be read');
  const newest = median(readings.map((r) => r.newestAgeMs));
  const oldest = median(readings.map((r) => r.oldestAgeMs));
  // A frame in the middle of its fragment: on average half a fragment's wait for nginx to close it.
  const average = median(readings.map((r) => (r.newestAgeMs + r.oldestAgeMs) / 2));
  console.log(`  split over ${readings.length} fragments (medians; ${median(readings.map((r) => r.frames))} frames, ${median(readings.map((r) => r.durationS)).toFixed(2)} s each):`);
  console.log(`    draw -> in nginx's playlist, newest frame of a fragment (recorder slice + IPC + ffmpeg + RTMP + nginx): ${newest.toFixed(0)} ms`);
  console.log(`    + waiting in the open fragment until nginx closes it (oldest frame ${oldest.toFixed(0)} ms; an average frame ${average.toFixed(0)} ms)`);
  console.log(`    playlist -> on the viewer's screen (hls.js fetch + buffer + decode), glass-to-glass p50 minus the average frame: ${(glassToGlassP50 - average).toFixed(0)} ms`);
}
