import type { Look } from '@shared/domain/tryon/look';
import type { QualitySetting } from '@shared/domain/tryon/quality';
import { TryOnEngine } from '@renderer/tryon/engine';
import { grabRgba, showPhoto } from './harness-photo';

/**
 * In-page helper for e2e/tryon-looks.spec.ts: one photo through the engine's still path, drawn with
 * each requested layered look at each quality; the frames (RGBA, base64) and the debug readout go
 * back to Node.
 */
export interface LookFrame {
  readonly width: number;
  readonly height: number;
  readonly rgba: string;
  readonly debug: Record<string, string>;
  readonly tier: string;
}

export async function renderLooks(url: string, requests: ReadonlyArray<Readonly<{ look: Look; quality: QualitySetting }>>): Promise<LookFrame[]> {
  const stage = document.createElement('canvas');
  stage.dataset.debug = 'on';
  document.body.append(stage);
  const engine = new TryOnEngine(stage);
  await engine.start();
  if (!(await showPhoto(engine, url))) throw new Error(`no face found in ${url}`);
  const out: LookFrame[] = [];
  for (const { look, quality } of requests) {
    engine.setQuality(quality);
    await engine.setLayers(look);
    out.push({ ...grabRgba(stage), debug: { ...stage.dataset } as Record<string, string>, tier: engine.quality.tier });
  }
  engine.dispose();
  stage.remove();
  return out;
}

/** Redraws per tier measured for CPU time. */
const CPU_REDRAWS = 200;

/** Median and p95 of one look's redraws in one tier, ms. */
export interface DrawTiming {
  readonly median: number;
  readonly p95: number;
}

/** Per look: High and Fast timed, and (with the bench's /proc meter) CPU ms per redraw by thread group. */
export type Draws = Array<{ high: DrawTiming; fast: DrawTiming; cpu?: { high: Record<string, number>; fast: Record<string, number> } }>;

/**
 * Drawing alone, timed on the page: one photo, each look redrawn in High and in Fast alternately
 * (`repeats` each, after a warm-up of both; the frame and landmarks fixed, so only drawing differs).
 * Median and p95 ms per look and tier.
 */
export async function drawTimes(url: string, looks: readonly Look[], repeats: number): Promise<Draws> {
  const stage = document.createElement('canvas');
  document.body.append(stage);
  const engine = new TryOnEngine(stage);
  await engine.start();
  if (!(await showPhoto(engine, url))) throw new Error(`no face found in ${url}`);
  const summary = (ms: number[]) => {
    ms.sort((a, b) => a - b);
    return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))]! };
  };
  const out: Draws = [];
  for (const look of looks) {
    await engine.setLayers(look);
    const times = { high: [] as number[], fast: [] as number[] };
    for (let i = 0; i < 2 * (repeats + 3); i++) {
      const tier = i % 2 === 0 ? 'high' : 'fast';
      engine.setQuality(tier);
      const t0 = performance.now();
      // A redraw of the still (split unchanged): refine + draw + read back, as a frame does.
      engine.setSplit(0);
      engine.finish();
      if (i >= 6) times[tier].push(performance.now() - t0);
    }
    // CPU time per redraw in each tier, from /proc (benchCpu, bench/tryon.ts): a block of one tier,
    // long enough for /proc's 10 ms ticks to read ~0.05 ms a redraw.
    const cpu: Partial<Record<'high' | 'fast', Record<string, number>>> = {};
    for (const tier of ['high', 'fast'] as const) {
      engine.setQuality(tier);
      await window.benchCpu?.('start', 0);
      for (let i = 0; i < CPU_REDRAWS; i++) {
        engine.setSplit(0);
        engine.finish();
      }
      const used = await window.benchCpu?.('end', CPU_REDRAWS);
      if (used) cpu[tier] = used;
    }
    out.push({ high: summary(times.high), fast: summary(times.fast), ...(cpu.high && cpu.fast ? { cpu: { high: cpu.high, fast: cpu.fast } } : {}) });
  }
  engine.dispose();
  stage.remove();
  return out;
}
