import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateMediaTools } from '../kernel/media/tools';

let cached: { mp4: Buffer; durationMs: number } | null = null;

/**
 * A real 2 s H.264 MP4 (320×240, 30 fps, faststart) made with the located ffmpeg, once per test file.
 * Real bytes, so the platform's ffprobe check is exercised for real.
 */
export function sampleVideo(): { mp4: Buffer; durationMs: number } {
  if (cached) return cached;
  const tools = locateMediaTools();
  if (!tools?.ffmpeg) throw new Error("the platform tests need ffmpeg (Debian's ffmpeg ≥ 5.0; scripts/ensure-test-deps.mjs installs it)");
  const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-fixture-'));
  const file = path.join(dir, 'sample.mp4');
  execFileSync(tools.ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=30',
    '-t',
    '2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    file,
  ]);
  cached = { mp4: readFileSync(file), durationMs: 2000 };
  rmSync(dir, { recursive: true, force: true });
  return cached;
}
