import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { englishFailure, type FailureText } from '@shared/ipc/failure-text';

export type FfmpegSource = 'setting' | 'FFMPEG_PATH' | 'system' | 'bundled';

/** What a binary said about itself on `-version`. */
export interface ToolIdentity {
  /** The first line, e.g. "ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers". */
  readonly version: string;
  /** major.minor of a release build; null for a git snapshot (`N-47683-g…`, as @ffmpeg-installer's). */
  readonly release: string | null;
  /** The last year of its copyright line: how old a snapshot is. */
  readonly year: number | null;
}

export interface FfmpegTools {
  readonly ffmpeg: string;
  readonly ffprobe: string | null;
  readonly source: FfmpegSource;
  readonly version: string;
  readonly ffprobeVersion: string | null;
  readonly release: string | null;
  /** Older than ffmpeg 5.0 (or a snapshot from before 2022): works, but misses years of fixes. */
  readonly old: boolean;
}

export interface LocateOptions {
  /** The path chosen in Settings, if any: tried first. */
  readonly setting?: string | null;
  readonly env?: NodeJS.ProcessEnv;
}

/** ffmpeg 5.0 came out in January 2022. */
const CURRENT_MAJOR = 5;
const CURRENT_YEAR = 2022;

// CommonJS everywhere we run (tsx, vitest, electron-vite's main bundle): __filename is defined.
const require = createRequire(__filename);

/** Reads `-version` output; null unless its first line names the expected tool. */
export function identify(output: string, tool: 'ffmpeg' | 'ffprobe'): ToolIdentity | null {
  const first = output.split('\n')[0]?.trim() ?? '';
  const match = new RegExp(`^${tool} version (\\S+)`).exec(first);
  if (!match) return null;
  const release = /^n?(\d+\.\d+)/.exec(match[1]!)?.[1] ?? null;
  const year = /Copyright \(c\) (?:\d{4}-)?(\d{4})/.exec(first)?.[1];
  return { version: first, release, year: year ? Number(year) : null };
}

export function isOld(id: ToolIdentity): boolean {
  if (id.release !== null) return Number(id.release.split('.')[0]) < CURRENT_MAJOR;
  return id.year === null || id.year < CURRENT_YEAR;
}

/** The sentence diagnostics and Settings show about the ffmpeg in use, or null when all is well. */
export function ffmpegWarning(tools: FfmpegTools | null): string | null {
  if (!tools) return 'No working ffmpeg was found: exports and imports of videos cannot run. Install ffmpeg 5 or later (e.g. `apt install ffmpeg`) or choose one in Settings.';
  if (!tools.old) return null;
  return `The ffmpeg in use is old (${tools.version.slice(0, 80)}): it works, but misses years of fixes. Install ffmpeg ${CURRENT_MAJOR} or later (e.g. \`apt install ffmpeg\`); the studio prefers it when present.`;
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

function sibling(binary: string, tool: 'ffprobe'): string {
  const dir = path.dirname(binary);
  const name = process.platform === 'win32' ? `${tool}.exe` : tool;
  return dir === '.' ? name : path.join(dir, name);
}

interface Candidate {
  readonly source: FfmpegSource;
  readonly ffmpeg: string;
  /** ffprobes to try with it, best first. */
  readonly ffprobes: readonly string[];
}

/**
 * The order tools are tried in: the Settings path, then FFMPEG_PATH, then a current system ffmpeg
 * (PATH), then the npm-bundled static build (@ffmpeg-installer: a 2018 snapshot), then an old
 * system one. An ffmpeg without an ffprobe beside it still gets one: probing only reads files.
 */
function candidates(options: LocateOptions): Candidate[] {
  const env = options.env ?? process.env;
  const fallbackProbes = [bundled('@ffprobe-installer/ffprobe'), 'ffprobe'].filter((p): p is string => p !== null);
  const list: Candidate[] = [];
  if (options.setting) list.push({ source: 'setting', ffmpeg: options.setting, ffprobes: [sibling(options.setting, 'ffprobe'), 'ffprobe', ...fallbackProbes] });
  if (env.FFMPEG_PATH)
    list.push({ source: 'FFMPEG_PATH', ffmpeg: env.FFMPEG_PATH, ffprobes: [...(env.FFPROBE_PATH ? [env.FFPROBE_PATH] : []), sibling(env.FFMPEG_PATH, 'ffprobe'), 'ffprobe', ...fallbackProbes] });
  list.push({ source: 'system', ffmpeg: 'ffmpeg', ffprobes: ['ffprobe', ...fallbackProbes] });
  const packaged = bundled('@ffmpeg-installer/ffmpeg');
  if (packaged) list.push({ source: 'bundled', ffmpeg: packaged, ffprobes: fallbackProbes });
  return list;
}

type Identified = Readonly<{ candidate: Candidate; id: ToolIdentity }>;

/** Picks from the candidates that identified as ffmpeg: the first chosen one, else a current system one, else bundled, else old system. */
function choose(found: readonly Identified[]): Identified | null {
  const explicit = found.find((f) => f.candidate.source === 'setting' || f.candidate.source === 'FFMPEG_PATH');
  if (explicit) return explicit;
  const system = found.find((f) => f.candidate.source === 'system');
  if (system && !isOld(system.id)) return system;
  return found.find((f) => f.candidate.source === 'bundled') ?? system ?? null;
}

function toolsOf(chosen: Identified, probe: Readonly<{ path: string; id: ToolIdentity }> | null): FfmpegTools {
  return {
    ffmpeg: chosen.candidate.ffmpeg,
    ffprobe: probe?.path ?? null,
    source: chosen.candidate.source,
    version: chosen.id.version,
    ffprobeVersion: probe?.id.version ?? null,
    release: chosen.id.release,
    old: isOld(chosen.id),
  };
}

function runAsync(binary: string): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(binary, ['-version'], { encoding: 'utf8', timeout: 10_000, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
    } catch {
      resolve(null);
    }
  });
}

/**
 * Finds a working ffmpeg without blocking the main process: each candidate is run (`-version`) and
 * must name itself ffmpeg (an ffprobe must name itself ffprobe) before it is trusted. Returns null
 * when none works, so the caller can give a clear error instead of a spawn failure mid-export.
 */
export async function locateFfmpeg(options: LocateOptions = {}): Promise<FfmpegTools | null> {
  const list = candidates(options);
  const ids = await Promise.all(list.map(async (candidate) => ({ candidate, output: await runAsync(candidate.ffmpeg) })));
  const found = ids.flatMap(({ candidate, output }) => {
    const id = output === null ? null : identify(output, 'ffmpeg');
    return id ? [{ candidate, id }] : [];
  });
  const chosen = choose(found);
  if (!chosen) return null;
  for (const probe of chosen.candidate.ffprobes) {
    const output = await runAsync(probe);
    const id = output === null ? null : identify(output, 'ffprobe');
    if (id) return toolsOf(chosen, { path: probe, id });
  }
  return toolsOf(chosen, null);
}

/**
 * The same choice, blocking: for tests, benchmarks and scripts only, never the studio's own process
 * (the studio uses locateFfmpeg).
 */
export function locateFfmpegSync(options: LocateOptions = {}): FfmpegTools | null {
  const run = (binary: string): string | null => {
    try {
      const r = spawnSync(binary, ['-version'], { encoding: 'utf8', timeout: 10_000, windowsHide: true });
      return r.status === 0 ? r.stdout : null;
    } catch {
      return null;
    }
  };
  const found = candidates(options).flatMap((candidate) => {
    const output = run(candidate.ffmpeg);
    const id = output === null ? null : identify(output, 'ffmpeg');
    return id ? [{ candidate, id }] : [];
  });
  const chosen = choose(found);
  if (!chosen) return null;
  for (const probe of chosen.candidate.ffprobes) {
    const output = run(probe);
    const id = output === null ? null : identify(output, 'ffprobe');
    if (id) return toolsOf(chosen, { path: probe, id });
  }
  return toolsOf(chosen, null);
}

/**
 * Checks a path the user typed in Settings: it must run and name itself ffmpeg, and the ffprobe
 * beside it (when there is one) must name itself ffprobe. Returns the identified tools or why not.
 */
export async function checkFfmpegPath(file: string): Promise<{ ok: true; tools: FfmpegTools } | { ok: false; problem: string; text: FailureText }> {
  const refuse = (text: FailureText) => ({ ok: false as const, problem: englishFailure(text), text });
  const output = await runAsync(file);
  if (output === null) return refuse({ key: 'settings.ffmpegDidNotRun', params: { file } });
  if (!identify(output, 'ffmpeg')) return refuse({ key: 'settings.notFfmpeg', params: { file } });
  const besides = sibling(file, 'ffprobe');
  if (path.isAbsolute(besides) && existsSync(besides)) {
    const probe = await runAsync(besides);
    if (probe === null || !identify(probe, 'ffprobe')) return refuse({ key: 'settings.notFfprobe', params: { file: besides } });
  }
  const tools = await locateFfmpeg({ setting: file, env: {} });
  if (!tools || tools.source !== 'setting') return refuse({ key: 'settings.ffmpegUnusable', params: { file } });
  return { ok: true, tools };
}
