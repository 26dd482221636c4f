import { spawnSync } from 'node:child_process';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from './run';

export interface MediaTools {
  readonly ffprobe: string;
  /** Only needed for covers; the platform still accepts videos without it. */
  readonly ffmpeg: string | null;
  /** Timeout and memory cap for every run over an upload. */
  readonly limits: MediaLimits;
}

/** FFmpeg 5.0 (January 2022) is the oldest release the platform runs on untrusted uploads. */
export const MIN_FFMPEG_MAJOR = 5;
const MIN_SNAPSHOT_YEAR = 2022;

export interface ToolVersion {
  /** `5.1.9-0+deb12u1` → 5; null for a git snapshot (`N-47683-g0e8eb07980-static`). */
  readonly major: number | null;
  /** The last year of the banner's copyright line: the only date a snapshot build carries. */
  readonly year: number | null;
}

/** Reads `ffmpeg -version` / `ffprobe -version` output. */
export function parseToolVersion(banner: string): ToolVersion {
  const first = banner.split('\n')[0] ?? '';
  const release = /\bversion\s+n?(\d+)\.(\d+)/i.exec(first);
  const year = /Copyright \(c\) \d{4}-(\d{4})/.exec(first);
  return { major: release ? Number(release[1]) : null, year: year ? Number(year[1]) : null };
}

/** A release ≥ 5.0, or a snapshot built in 2022 or later (5.0's year). Unknown → not current. */
export function isCurrentBuild(version: ToolVersion): boolean {
  if (version.major !== null) return version.major >= MIN_FFMPEG_MAJOR;
  return version.year !== null && version.year >= MIN_SNAPSHOT_YEAR;
}

function banner(binary: string, searchPath: string | undefined): string | null {
  try {
    const run = spawnSync(binary, ['-version'], { timeout: 10_000, windowsHide: true, encoding: 'utf8', env: { ...process.env, PATH: searchPath ?? process.env.PATH } });
    return run.status === 0 ? run.stdout : null;
  } catch {
    return null;
  }
}

export interface LocateOptions {
  /** Run a build older than 5.0 anyway (PLATFORM_ALLOW_OLD_FFMPEG=1): a deliberate, logged choice. */
  readonly allowOldBuilds?: boolean;
  readonly limits?: MediaLimits;
  /** Told why a candidate was passed over (too old), so the operator can see it in the log. */
  readonly onRefused?: (reason: string) => void;
}

function pick(candidates: readonly (string | undefined)[], searchPath: string | undefined, options: LocateOptions): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const text = banner(candidate, searchPath);
    if (text === null) continue;
    if (isCurrentBuild(parseToolVersion(text)) || options.allowOldBuilds) return candidate;
    options.onRefused?.(`${candidate} is older than FFmpeg ${MIN_FFMPEG_MAJOR}.0 (${(text.split('\n')[0] ?? '').slice(0, 120)}); install a current build or set PLATFORM_ALLOW_OLD_FFMPEG=1`);
  }
  return null;
}

/**
 * The platform's own locator (it must not import the studio's): FFPROBE_PATH / FFMPEG_PATH, then
 * PATH (Debian's 5.1). Never the npm-bundled static builds: @ffmpeg-installer's is from 2018 and
 * misses years of demuxer fixes, and the platform feeds these tools files from strangers. Each
 * candidate is run, and one older than 5.0 is refused unless `allowOldBuilds`.
 */
export function locateMediaTools(env: NodeJS.ProcessEnv = process.env, options: LocateOptions = {}): MediaTools | null {
  const opts: LocateOptions = { ...options, allowOldBuilds: options.allowOldBuilds ?? env.PLATFORM_ALLOW_OLD_FFMPEG === '1' };
  const ffprobe = pick([env.FFPROBE_PATH, 'ffprobe'], env.PATH, opts);
  if (!ffprobe) return null;
  return { ffprobe, ffmpeg: pick([env.FFMPEG_PATH, 'ffmpeg'], env.PATH, opts), limits: opts.limits ?? DEFAULT_MEDIA_LIMITS };
}
