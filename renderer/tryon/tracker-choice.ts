import { FaceTracker, type Tracker, type TrackerInfo } from './tracker';
import { WorkerTracker } from './worker-tracker';

export type TrackerPlacement = 'auto' | 'worker' | 'main';

/**
 * Where the tracker runs unless told otherwise: in a worker (wasm, 468 points), GPU or not.
 * - CPU-only (2 cores, SwiftShader): the worker draws as many frames as the page's thread and keeps
 *   that thread free for clicks and drags (a 50 ms timer ~5–7 ms late p95 instead of ~19–24 ms).
 * - A real GPU (NVIDIA H200, ANGLE on Vulkan, 16 cores; bench/tryon-gpu/run.py): WebGL inference
 *   with the 478-point mesh on the page's thread took 64–69 ms a frame and drew 13.5–14.7 of 30 fps
 *   live, the page's thread ~24 ms late; wasm in the worker took 13–16 ms and drew 30 of 30 with every
 *   look at the High tier, the GPU drawing.
 * `main` stays available (WebGL + 478 points on a GPU) for comparisons.
 */
export function defaultTrackerPlacement(): 'worker' | 'main' {
  return 'worker';
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
 * tracker runs the 468-point mesh (the worker's wasm, the default everywhere). Its lip contours are closer to the real lips
 * on the labelled set (renderer/tryon/README.md), but it takes ~3× the 468-point mesh's time on wasm,
 * so live frames keep 468 points; a 478-point tracker (WebGL on the page's thread) needs no second pass.
 * `wanted: false` turns it off (the engine's `refinedStills` option, for comparisons).
 */
export function refinesStills(tracker: TrackerInfo | undefined, wanted = true): boolean {
  return wanted && tracker?.landmarks === 468;
}

/** The refined (478-point) tracker for stills: wasm in its own worker, loaded on first use. */
export function createRefinedTracker(): Promise<Tracker> {
  return WorkerTracker.create({ refined: true });
}
