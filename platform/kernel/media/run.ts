import { execFile } from 'node:child_process';

/** Bounds on one ffprobe/ffmpeg run over an untrusted file. */
export interface MediaLimits {
  /** Killed (SIGKILL) after this long. */
  readonly timeoutMs: number;
  /** Address-space cap (RLIMIT_AS, `ulimit -v`): a crafted file cannot make the tool eat the host's memory. */
  readonly memoryBytes: number;
}

/**
 * 2 GiB of address space: Debian's ffmpeg 5.1 maps ~300 MiB of shared libraries before reading a
 * byte, and a 1080p cover grab with two decoder threads failed at 512 MiB and passed at 1 GiB here.
 */
export const DEFAULT_MEDIA_LIMITS: MediaLimits = { timeoutMs: 60_000, memoryBytes: 2 * 1024 * 1024 * 1024 };

export interface ToolRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it failed, in words; null on success. */
  readonly failure: string | null;
}

/**
 * Runs a media tool under `limits`: the memory cap is set by `/bin/sh`'s `ulimit -v` and the
 * tool is exec'd in its place (same pid), so the timeout's SIGKILL reaches the tool itself.
 */
export function runMediaTool(binary: string, args: readonly string[], limits: MediaLimits): Promise<ToolRun> {
  const kib = String(Math.max(1, Math.floor(limits.memoryBytes / 1024)));
  const shArgs = ['-c', 'ulimit -v "$1" && shift && exec "$@"', 'media-tool', kib, binary, ...args];
  return new Promise((resolve) => {
    execFile('/bin/sh', shArgs, { timeout: limits.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, stdout, stderr, failure: null });
        return;
      }
      const killed = (error as { killed?: boolean; signal?: string | null }).signal === 'SIGKILL';
      const limit = limits.timeoutMs >= 1000 ? `${Math.round(limits.timeoutMs / 1000)} s` : `${limits.timeoutMs} ms`;
      const failure = killed ? `it took longer than ${limit} to read` : 'the media tool failed on it';
      resolve({ ok: false, stdout, stderr, failure });
    });
  });
}
