import { hasHardwareWebgl } from './gpu';
import { FaceTracker, type Tracker, type TrackerInfo } from './tracker';
import { WorkerTracker } from './worker-tracker';

export type TrackerPlacement = 'auto' | 'worker' | 'main';

/**
 * Where the tracker runs unless told otherwise. On a CPU-only machine the wasm tracker runs in a
 * worker: on 2 cores it draws no more frames than on the page's thread, but it keeps the page's
 * thread free for the creator's clicks and drags (a 50 ms timer fires ~5–7 ms late p95 instead of
 * ~19–24 ms; `npm run bench -- tryon`), and on more cores inference overlaps drawing. WebGL inference
 * on a real GPU stays on the page: the GPU does the work there.
 */
export function defaultTrackerPlacement(): 'worker' | 'main' {
  return hasHardwareWebgl() ? 'main' : 'worker';
}

/** The tracker for `placement`; `auto` falls back to the page's thread if the worker cannot start. */
export async function createTracker(placement: TrackerPlacement): Promise<Tracker> {
  if (placement === 'worker' || (placement === 'auto' && defaultTrackerPlacement() === 'worker')) {
    try {
      return await WorkerTracker.create();
    } catch (error) {
      if (placement === 'worker') throw error;
    }
  }
  return FaceTracker.create();
}

/**
 * Whether stills get a second pass with the 478-point mesh's lips (still-refiner.ts): when the live
 * tracker runs the 468-point mesh (CPU-only machines). Its lip contours are closer to the real lips
 * on the labelled set (renderer/tryon/README.md), but it takes ~3× the 468-point mesh's time on wasm,
 * so live frames keep 468 points there; a 478-point tracker (a real GPU) needs no second pass.
 * `wanted: false` turns it off (the engine's `refinedStills` option, for comparisons).
 */
export function refinesStills(tracker: TrackerInfo | undefined, wanted = true): boolean {
  return wanted && tracker?.landmarks === 468;
}

/** The refined (478-point) tracker for stills: wasm in its own worker, loaded on first use. */
export function createRefinedTracker(): Promise<Tracker> {
  return WorkerTracker.create({ refined: true });
}
