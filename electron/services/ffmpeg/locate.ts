import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type FfmpegSource = 'setting' | 'FFMPEG_PATH' | 'bundled' | 'PATH';

export interface FfmpegTools {
  readonly ffmpeg: string;
  readonly ffprobe: string | null;
  readonly source: FfmpegSource;
  readonly version: string;
}

export interface LocateOptions {
  /** The path chosen in Settings, if any: tried first. */
  readonly setting?: string | null;
  readonly env?: NodeJS.ProcessEnv;
}

// CommonJS everywhere we run (tsx, vitest, electron-vite's main bundle): __filename is defined.
const require = createRequire(__filename);

function versionOf(binary: string): string | null {
  try {
    const run = spawnSync(binary, ['-version'], { encoding: 'utf8', timeout: 10_000, windowsHide: true });
    if (run.status !== 0) return null;
    return run.stdout.split('\n')[0]?.trim() ?? '';
  } catch {
    return null;
  }
}

function bundled(pkg: string): string | null {
  try {
    const mod = require(pkg) as { path?: string };
    // Inside a packaged app the binary sits in app.asar.unpacked.
    const p = mod.path?.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function siblingProbe(ffmpeg: string): string | null {
  const dir = path.dirname(ffmpeg);
  const name = process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe';
  const candidate = dir === '.' ? name : path.join(dir, name);
  return versionOf(candidate) !== null ? candidate : null;
}

/**
 * Finds a working ffmpeg: the Settings path, then FFMPEG_PATH, then the npm-bundled static build
 * (@ffmpeg-installer, libx264 + aac), then PATH. Each candidate is run (`-version`) before it is trusted. Returns null when none works,
 * so the caller can give a clear error instead of a spawn failure mid-export.
 */
export function locateFfmpeg(options: LocateOptions = {}): FfmpegTools | null {
  const env = options.env ?? process.env;
  const candidates: { source: FfmpegSource; ffmpeg: string | null; ffprobe: () => string | null }[] = [
    { source: 'setting', ffmpeg: options.setting ?? null, ffprobe: () => (options.setting ? siblingProbe(options.setting) : null) },
    { source: 'FFMPEG_PATH', ffmpeg: env.FFMPEG_PATH ?? null, ffprobe: () => env.FFPROBE_PATH ?? (env.FFMPEG_PATH ? siblingProbe(env.FFMPEG_PATH) : null) },
    { source: 'bundled', ffmpeg: bundled('@ffmpeg-installer/ffmpeg'), ffprobe: () => bundled('@ffprobe-installer/ffprobe') },
    { source: 'PATH', ffmpeg: 'ffmpeg', ffprobe: () => siblingProbe('ffmpeg') },
  ];
  for (const candidate of candidates) {
    if (!candidate.ffmpeg) continue;
    const version = versionOf(candidate.ffmpeg);
    if (version === null) continue;
    // An ffmpeg chosen without an ffprobe beside it still gets one: probing only reads files, so
    // any working ffprobe will do, and without one no export can start.
    const ffprobe = candidate.ffprobe() ?? bundled('@ffprobe-installer/ffprobe') ?? siblingProbe('ffmpeg');
    return { ffmpeg: candidate.ffmpeg, ffprobe, source: candidate.source, version };
  }
  return null;
}
