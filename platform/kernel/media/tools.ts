import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface MediaTools {
  readonly ffprobe: string;
  /** Only needed for covers; the platform still accepts videos without it. */
  readonly ffmpeg: string | null;
}

const require = createRequire(import.meta.url);

function works(binary: string): boolean {
  try {
    return spawnSync(binary, ['-version'], { timeout: 10_000, windowsHide: true }).status === 0;
  } catch {
    return false;
  }
}

function bundled(pkg: string): string | null {
  try {
    const p = (require(pkg) as { path?: string }).path;
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function first(candidates: readonly (string | null | undefined)[]): string | null {
  for (const c of candidates) if (c && works(c)) return c;
  return null;
}

/**
 * The platform's own locator (it must not import the studio's): FFPROBE_PATH / FFMPEG_PATH, then
 * the npm-bundled static builds, then PATH. Each candidate is run before it is trusted.
 */
export function locateMediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools | null {
  const ffprobe = first([env.FFPROBE_PATH, bundled('@ffprobe-installer/ffprobe'), 'ffprobe']);
  if (!ffprobe) return null;
  return { ffprobe, ffmpeg: first([env.FFMPEG_PATH, bundled('@ffmpeg-installer/ffmpeg'), 'ffmpeg']) };
}
