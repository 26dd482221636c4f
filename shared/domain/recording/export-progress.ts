import { z } from 'zod';
import { ExportJobId } from '../ids';

/** Pushed to the renderer while an export waits or runs; low rate (ffmpeg reports about twice a second). */
export const ExportProgress = z.object({
  jobId: ExportJobId,
  state: z.enum(['queued', 'running', 'finishing']),
  /** 0–100; 0 while queued. */
  percent: z.number().min(0).max(100),
  /** Estimated time left, null until there is enough progress to estimate from. */
  etaMs: z.number().int().nonnegative().nullable(),
  /** Jobs ahead of this one; 0 when running. */
  ahead: z.number().int().nonnegative(),
});
export type ExportProgress = z.output<typeof ExportProgress>;

/**
 * Time left from how long the work so far took. Null below 1 %: the first percent is mostly ffmpeg
 * starting up, and an estimate from it swings wildly.
 */
export function estimateEtaMs(elapsedMs: number, percent: number): number | null {
  if (percent < 1 || elapsedMs <= 0) return null;
  if (percent >= 100) return 0;
  return Math.round((elapsedMs * (100 - percent)) / percent);
}

/** "00:05", "1:02:03": the elapsed/ETA text of the shooting page and the progress bar. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
