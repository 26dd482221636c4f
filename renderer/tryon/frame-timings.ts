/**
 * Where a live frame's time goes, stage by stage, timed on the page (performance.now) when the
 * benchmark hands the engine a recorder (`new TryOnEngine(canvas, { timings })`). Off otherwise: the
 * engine then only tests one field per stage, and nothing is recorded or allocated.
 *
 * - `read`: the frame's RGBA read-out (VideoFrame.copyTo, awaited); `upload`: the bytes into the
 *   compositor's slot (a copy in region mode);
 * - `track`: from handing the frame to the tracker to its landmarks on the page (a worker's round
 *   trip: the transfer both ways and the wait for the thread); `worker`: the estimate alone, timed
 *   inside the worker (the page's tracker: the same as `track`);
 * - `refine`: the lip mask from the frame's bytes (makeup-layer.ts); `update`: the look's meshes and
 *   the accessories moved onto the landmarks; `frame2d`: the frame's bytes onto the visible 2D canvas
 *   (region mode); `gl`: three's render calls (the software rasteriser mostly draws later, when read);
 *   `readback`: readPixels of the look's rectangle and its putImageData (region mode); `draw`: the
 *   whole drawing on the page (update to readback), as Auto's quality sample sees it;
 * - `interval`: from one drawn frame to the next (what the benchmark's (b) reports).
 */
export const FRAME_STAGES = ['read', 'upload', 'track', 'worker', 'refine', 'update', 'frame2d', 'gl', 'readback', 'draw', 'interval'] as const;
export type FrameStage = (typeof FRAME_STAGES)[number];

export class FrameTimings {
  private readonly samples = new Map<FrameStage, number[]>(FRAME_STAGES.map((stage) => [stage, []]));
  private lastDrawn = -1;

  add(stage: FrameStage, ms: number): void {
    this.samples.get(stage)!.push(ms);
  }

  /** A frame was drawn (its `interval` is the time since the previous one). */
  drawn(now: number): void {
    if (this.lastDrawn >= 0) this.add('interval', now - this.lastDrawn);
    this.lastDrawn = now;
  }

  /** Forgets everything (after a warm-up). */
  clear(): void {
    for (const list of this.samples.values()) list.length = 0;
    this.lastDrawn = -1;
  }

  /** Median and sample count per stage (NaN when a stage was never timed, e.g. region stages on a canvas). */
  medians(): Record<FrameStage, { median: number; count: number }> {
    const out = {} as Record<FrameStage, { median: number; count: number }>;
    for (const stage of FRAME_STAGES) {
      const sorted = [...this.samples.get(stage)!].sort((a, b) => a - b);
      const n = sorted.length;
      out[stage] = { median: n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2, count: n };
    }
    return out;
  }
}
