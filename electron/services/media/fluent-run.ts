import { setPriority } from 'node:os';
import ffmpeg from 'fluent-ffmpeg';
import type { FfmpegPlan } from './export-plan';
import { MediaError, ffmpegMessage } from './media-error';

export interface RunLimits {
  /** Killed when ffmpeg prints nothing for this long: a stuck decoder or a blocked input. */
  readonly stallMs: number;
  /** Killed after this long whatever it prints. */
  readonly maxMs: number;
  /**
   * Process priority (0 normal … 19 lowest). An export left running while the creator shoots the
   * next take must not starve the try-on loop and the recorder of CPU; it only runs slower then.
   */
  readonly niceness: number;
}

/**
 * Runs one plan through fluent-ffmpeg, reporting the output time reached (ms). fluent-ffmpeg's own
 * `timeout` only bounds the total; the stall watchdog here catches an encoder that hangs early in
 * a long job without waiting out the whole budget.
 */
export function runPlan(ffmpegPath: string, plan: FfmpegPlan, limits: RunLimits, signal: AbortSignal, onTime: (ms: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new MediaError('cancelled', { key: 'media.cancelled' }));
      return;
    }
    const command = ffmpeg().setFfmpegPath(ffmpegPath);
    for (const input of plan.inputs) command.input(input.source).inputOptions([...input.options]);
    command.outputOptions([...plan.outputOptions]).output(plan.output);

    let stopReason: MediaError | null = null;
    const stop = (reason: MediaError): void => {
      if (stopReason) return;
      stopReason = reason;
      command.kill('SIGKILL');
    };
    let stallTimer: NodeJS.Timeout | undefined;
    const armStall = (): void => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stop(new MediaError('timeout', { key: 'media.stalled', params: { seconds: Math.round(limits.stallMs / 1000) } })), limits.stallMs);
    };
    const maxTimer = setTimeout(() => stop(new MediaError('timeout', { key: 'media.timedOut', params: { tool: 'ffmpeg', seconds: Math.round(limits.maxMs / 1000) } })), limits.maxMs);
    const onAbort = (): void => stop(new MediaError('cancelled', { key: 'media.cancelled' }));
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(stallTimer);
      clearTimeout(maxTimer);
      signal.removeEventListener('abort', onAbort);
    };

    command
      .on('start', () => {
        armStall();
        const pid = (command as unknown as { ffmpegProc?: { pid?: number } }).ffmpegProc?.pid;
        if (pid && limits.niceness > 0) {
          try {
            setPriority(pid, limits.niceness);
          } catch {
            // Not permitted on this system: run at normal priority rather than fail the export.
          }
        }
      })
      .on('stderr', armStall)
      .on('progress', (p: { timemark?: string }) => {
        const ms = timemarkToMs(p.timemark);
        if (ms !== null) onTime(ms);
      })
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
        cleanup();
        if (stopReason) reject(stopReason);
        else if (/Cannot find ffmpeg|spawn .* ENOENT/i.test(error.message)) reject(new MediaError('ffmpeg-missing', { key: 'media.cannotStart', params: { tool: 'ffmpeg', reason: error.message } }));
        else reject(new MediaError('ffmpeg-failed', stderr ? ffmpegMessage(stderr) : error.message));
      })
      .on('end', () => {
        cleanup();
        // A kill that raced a clean exit still counts as the user's cancel.
        if (stopReason) reject(stopReason);
        else resolve();
      });
    command.run();
  });
}

/** "00:01:02.50" → 62500; ffmpeg prints "N/A" or negative times before the first frame. */
export function timemarkToMs(timemark: string | undefined): number | null {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(timemark ?? '');
  if (!m || m[1] === '-') return null;
  return Math.round(((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000);
}
